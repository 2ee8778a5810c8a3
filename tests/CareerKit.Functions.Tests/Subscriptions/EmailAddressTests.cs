using CareerKit.Subscriptions;

namespace CareerKit.Tests.Subscriptions;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("  ada@example.com \t", "ada@example.com")]
    [InlineData("Ada.Lovelace@EXAMPLE.COM", "Ada.Lovelace@example.com")]
    [InlineData("ann@Exämple.com", "ann@xn--exmple-cua.com")]
    [InlineData("user@bücher.de.", "user@xn--bcher-kva.de")]
    [InlineData("first+tag@sub.example.org", "first+tag@sub.example.org")]
    public void Addresses_are_trimmed_with_a_lower_case_punycode_domain(string typed, string stored)
    {
        Assert.True(EmailAddress.TryNormalize(typed, out var normalized, out var error), error);
        Assert.Equal(stored, normalized);
    }

    [Theory]
    [InlineData("", "Enter your email address.")]
    [InlineData("   ", "Enter your email address.")]
    [InlineData("ada.example.com", "like name@example.com")]
    [InlineData("@example.com", "like name@example.com")]
    [InlineData("ada@", "like name@example.com")]
    [InlineData("ada@localhost", "full domain name")]
    [InlineData("ada@127.0.0.1", "not a number")]
    [InlineData("ada lovelace@example.com", "no spaces")]
    [InlineData("ada..l@example.com", "no spaces")]
    [InlineData("ada@exa mple.com", "not a valid domain")]
    [InlineData("ada\r\n@example.com", "control characters")]
    [InlineData("ada@example.com\u0000", "control characters")]
    public void Invalid_addresses_are_refused_with_a_plain_reason(string typed, string reason)
    {
        Assert.False(EmailAddress.TryNormalize(typed, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Addresses_over_254_characters_are_refused()
    {
        var address = new string('a', 60) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".com";
        Assert.True(address.Length > 254);
        Assert.False(EmailAddress.TryNormalize(address, out _, out var error));
        Assert.Contains("at most 254 characters", error);

        Assert.False(EmailAddress.TryNormalize(new string('x', 300), out _, out error));
        Assert.Contains("too long", error);
    }

    [Fact]
    public void A_local_part_over_64_characters_is_refused()
    {
        Assert.False(EmailAddress.TryNormalize(new string('a', 65) + "@example.com", out _, out var error));
        Assert.Contains("at most 64", error);
    }

    [Fact]
    public void Masked_addresses_keep_only_the_first_letter_and_domain()
    {
        Assert.Equal("a***@example.com", EmailAddress.Mask("ada@example.com"));
    }
}
