using System.Security.Claims;
using System.Text.Encodings.Web;
using CareerKit.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace CareerKit.Editor;

/// <summary>
/// Who may edit: on the pages under /editor, a signed-in editor (an HttpOnly, SameSite=Strict session cookie that
/// expires, backed by a session row on the server); on the JSON API under /api/editor, only
/// <c>Authorization: Bearer &lt;editor key&gt;</c>. The API has no antiforgery tokens, so a cookie is never enough there.
/// </summary>
internal static class EditorAuthentication
{
    public const string Scheme = "Editor";
    public const string CookieScheme = "EditorCookie";
    public const string KeyScheme = "EditorKey";
    public const string SignInRateLimit = "editor-signin";
    public const int SignInsPerClientPerMinute = 10;
    public static readonly TimeSpan SessionLength = TimeSpan.FromHours(8);

    public static IServiceCollection AddEditor(this IServiceCollection services)
    {
        services.AddSingleton<EditorKeys>();
        services.AddSingleton<EditorSessions>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<EditionDrafts>();
        services.AddSingleton<EditionPreview>();
        services.AddSingleton<EditionBoard>();
        services.AddSingleton<EditionDesk>();
        services.AddSingleton<TipDesk>();
        services.AddSingleton<SubscriberImport>();
        services.AddSingleton<BlobKeyRing>();
        services.AddDataProtection().SetApplicationName("CareerKit");
        services.AddOptions<KeyManagementOptions>().Configure<BlobKeyRing>((options, ring) => options.XmlRepository = ring);
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "careerkit-editor-af";
            options.FormFieldName = "__antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddSingleton<IPostConfigureOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>, SecureCookies>();
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, SecureCookies>();

        // No default scheme: only RequiresEditor authenticates, on editor functions, in both modes. With a default,
        // standalone's WebApplication would add the authentication middleware, which reads a session cookie on every
        // request (public pages too) and throws a storage outage past the functions' error answers as a 500.
        services.AddAuthentication()
            .AddPolicyScheme(Scheme, "Editor session or key", options => options.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api")
                || context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? KeyScheme : CookieScheme)
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = "careerkit-editor";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.Path = "/";
                options.ExpireTimeSpan = SessionLength;
                options.SlidingExpiration = false;
                options.LoginPath = "/editor/signin";
                options.Events.OnRedirectToLogin = context =>
                {
                    // To the public address: under the Functions host the request's own host is the worker's, which people cannot reach.
                    var login = new Uri(context.RedirectUri, UriKind.RelativeOrAbsolute);
                    var app = context.HttpContext.RequestServices.GetRequiredService<IOptions<CareerKitOptions>>().Value;
                    context.Response.Redirect(app.LinkTo(login.IsAbsoluteUri ? login.PathAndQuery : context.RedirectUri));
                    return Task.CompletedTask;
                };
            })
            .AddScheme<AuthenticationSchemeOptions, EditorKeyHandler>(KeyScheme, null);
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure<EditorSessions>((options, sessions) => options.SessionStore = sessions);

        services.AddRateLimit(SignInRateLimit, _ => SignInsPerClientPerMinute, "Too many sign-in attempts.");
        LoadKeyRingOnFirstUse(services);
        return services;
    }

    /// <summary>
    /// Data Protection loads its key ring from Blob storage in a hosted service at start. Only editors' cookies and
    /// forms need it, so it loads on their first request instead: the start (and the Functions cold start) skips a
    /// storage round trip and the storage client's first call. Runs last: AddAntiforgery and AddCookie add it again.
    /// </summary>
    private static void LoadKeyRingOnFirstUse(IServiceCollection services)
    {
        foreach (var preload in services.Where(descriptor => descriptor.ServiceType == typeof(IHostedService)
            && descriptor.ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService").ToList())
        {
            services.Remove(preload);
        }
    }

    public static ClaimsPrincipal Principal(string editor, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, editor)], scheme));

    /// <summary>The API's answer without a valid key: 401 with problem details (pages redirect to sign-in instead).</summary>
    public static Task RefuseAsync(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Editor sign-in required.",
            detail: "Send Authorization: Bearer <editor key>. A signed-in session opens the pages under /editor, not the API.").ExecuteAsync(context);
    }

    /// <summary>Secure cookies unless the app's public address is this machine (plain http on localhost).</summary>
    private sealed class SecureCookies(IOptions<CareerKitOptions> app) :
        IPostConfigureOptions<CookieAuthenticationOptions>, IPostConfigureOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>
    {
        public void PostConfigure(string? name, CookieAuthenticationOptions options) => options.Cookie.SecurePolicy = Policy();

        public void PostConfigure(string? name, Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions options) => options.Cookie.SecurePolicy = Policy();

        private CookieSecurePolicy Policy() =>
            Uri.TryCreate(app.Value.PublicBaseUrl, UriKind.Absolute, out var url) && url.IsLoopback ? CookieSecurePolicy.None : CookieSecurePolicy.Always;
    }
}

/// <summary><c>Authorization: Bearer &lt;editor key&gt;</c>, checked against the stored hashes in constant time.</summary>
internal sealed class EditorKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, EditorKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var editor = await keys.VerifyAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        return editor is null
            ? AuthenticateResult.Fail("The editor key is not valid or was revoked.") // Never the key itself: this message is logged.
            : AuthenticateResult.Success(new AuthenticationTicket(EditorAuthentication.Principal(editor, Scheme.Name), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => EditorAuthentication.RefuseAsync(Context);
}
