using CareerKit.Hosting;
using CareerKit.Subscriptions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CareerKit.Tests.Subscriptions;

public sealed class SubscriptionTokensTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    private SubscriptionTokens Tokens(string key = "a-signing-key-that-is-long-enough-0123456789") =>
        new(Options.Create(new CareerKitOptions { SigningKey = key, PublicBaseUrl = "http://localhost" }), _time);

    [Theory]
    [InlineData(TokenPurpose.Confirm)]
    [InlineData(TokenPurpose.Unsubscribe)]
    [InlineData(TokenPurpose.Preferences)]
    [InlineData(TokenPurpose.Export)]
    [InlineData(TokenPurpose.Erase)]
    public void A_token_is_valid_for_its_subscriber_and_purpose(TokenPurpose purpose)
    {
        var token = Tokens().Issue("subscriber-1", purpose);

        var check = Tokens().Check(token, purpose);

        Assert.Equal(TokenStatus.Valid, check.Status);
        Assert.Equal("subscriber-1", check.SubscriberId);
    }

    [Fact]
    public void A_bound_token_matches_only_its_binding_and_does_not_carry_it_readably()
    {
        var token = Tokens().Issue("subscriber-1", TokenPurpose.Confirm, "ml|Quintessa");

        var check = Tokens().Check(token, TokenPurpose.Confirm);

        Assert.Equal(TokenStatus.Valid, check.Status);
        Assert.True(Tokens().IsBoundTo(check, "ml|Quintessa"));
        Assert.False(Tokens().IsBoundTo(check, "ai|Quintessa"));
        Assert.False(Tokens().IsBoundTo(Tokens().Check(Tokens().Issue("subscriber-1", TokenPurpose.Confirm), TokenPurpose.Confirm), "ml|Quintessa"));
        Assert.DoesNotContain("Quintessa", System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token.AsSpan(0, token.IndexOf('.')))));
    }

    [Fact]
    public void A_token_for_one_purpose_does_not_work_for_another()
    {
        var confirm = Tokens().Issue("subscriber-1", TokenPurpose.Confirm);

        foreach (var other in Enum.GetValues<TokenPurpose>().Where(purpose => purpose != TokenPurpose.Confirm))
        {
            Assert.Equal(TokenStatus.Invalid, Tokens().Check(confirm, other).Status);
        }
    }

    [Fact]
    public void A_token_expires_after_its_lifetime()
    {
        var token = Tokens().Issue("subscriber-1", TokenPurpose.Confirm);

        _time.Advance(SubscriptionTokens.LifetimeOf(TokenPurpose.Confirm) - TimeSpan.FromMinutes(1));
        Assert.Equal(TokenStatus.Valid, Tokens().Check(token, TokenPurpose.Confirm).Status);

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(TokenStatus.Expired, Tokens().Check(token, TokenPurpose.Confirm).Status);
    }

    [Fact]
    public void A_tampered_token_is_invalid()
    {
        var token = Tokens().Issue("subscriber-1", TokenPurpose.Unsubscribe);
        var (payload, signature) = (token.Split('.')[0], token.Split('.')[1]);
        var otherPayload = Tokens().Issue("subscriber-2", TokenPurpose.Unsubscribe).Split('.')[0];
        var flipped = (signature[0] == 'A' ? 'B' : 'A') + signature[1..];

        Assert.Equal(TokenStatus.Invalid, Tokens().Check($"{otherPayload}.{signature}", TokenPurpose.Unsubscribe).Status);
        Assert.Equal(TokenStatus.Invalid, Tokens().Check($"{payload}.{flipped}", TokenPurpose.Unsubscribe).Status);
        Assert.Equal(TokenStatus.Invalid, Tokens().Check(payload, TokenPurpose.Unsubscribe).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("!!!.???")]
    [InlineData("....")]
    public void Garbage_is_invalid_not_an_exception(string? token)
    {
        Assert.Equal(TokenStatus.Invalid, Tokens().Check(token, TokenPurpose.Confirm).Status);
    }

    [Fact]
    public void A_token_signed_with_another_key_is_invalid()
    {
        var token = Tokens("another-signing-key-that-is-long-enough-xyz").Issue("subscriber-1", TokenPurpose.Confirm);

        Assert.Equal(TokenStatus.Invalid, Tokens().Check(token, TokenPurpose.Confirm).Status);
    }
}
