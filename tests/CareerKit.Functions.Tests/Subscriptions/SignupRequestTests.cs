using System.Text.Json;
using CareerKit.Subscriptions;

namespace CareerKit.Tests.Subscriptions;

public sealed class SignupRequestTests
{
    private static (SignupRequest? Request, Dictionary<string, string[]> Errors) Validate(SignupInput input)
    {
        var errors = new Dictionary<string, string[]>();
        return (SignupRequest.Validate(input, errors), errors);
    }

    [Fact]
    public void A_complete_sign_up_is_valid_and_normalised()
    {
        var (request, errors) = Validate(new SignupInput(" Ada@Example.COM ", "  Ada ", "BOTH", true));

        Assert.Empty(errors);
        Assert.Equal(new SignupRequest("Ada@example.com", "Ada", Track.Both), request);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var (request, errors) = Validate(new SignupInput("nope", "Ada\r\nBcc: x@y.z", null, false));

        Assert.Null(request);
        Assert.Equal(["consent", "email", "firstName", "track"], errors.Keys.Order());
        Assert.Contains("line breaks", errors["firstName"][0]);
        Assert.Contains("Choose a track", errors["track"][0]);
    }

    [Fact]
    public void An_unknown_track_names_the_valid_ones()
    {
        var (_, errors) = Validate(new SignupInput("ada@example.com", null, "data-science", true));

        Assert.Equal("'data-science' is not a track. Choose a track: ml (ML engineer), ai (AI engineer) or both.", errors["track"][0]);
    }

    [Fact]
    public void A_long_first_name_is_refused()
    {
        var (_, errors) = Validate(new SignupInput("ada@example.com", new string('a', 51), "ml", true));

        Assert.Contains("at most 50", errors["firstName"][0]);
    }

    [Fact]
    public void Json_fields_of_the_wrong_type_are_field_errors()
    {
        var errors = new Dictionary<string, string[]>();
        using var json = JsonDocument.Parse("""{ "email": 42, "track": ["ml"], "consent": "yes", "extra": true }""");

        var input = SignupInput.FromJson(json.RootElement, errors);
        SignupRequest.Validate(input, errors);

        Assert.Equal("email must be a string.", errors["email"][0]);
        Assert.Equal("track must be a string.", errors["track"][0]);
        Assert.Contains("consent", errors.Keys);
        Assert.DoesNotContain("extra", errors.Keys);
    }
}
