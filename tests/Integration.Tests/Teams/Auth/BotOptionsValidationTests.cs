using ComplianceOs.BotHost.Teams.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ComplianceOs.Integration.Tests.Teams.Auth;

/// <summary>Start-up validation of the <c>Bot</c> section and the <see cref="BotAuthenticationServiceCollectionExtensions"/> wiring.</summary>
public sealed class BotOptionsValidationTests
{
    [Fact]
    public async Task StartUp_WithoutAppId_AndWithoutAllowAnonymous_Fails_NamingTheKey()
    {
        using var host = BuildHost(new Dictionary<string, string?>());

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Bot:AppId is required unless Bot:AllowAnonymous=true (local demo only)", ex.Message);
    }

    [Fact]
    public async Task StartUp_WithAppId_ButNoPassword_Fails()
    {
        using var host = BuildHost(new Dictionary<string, string?> { ["Bot:AppId"] = BotTokenMinter.AppId });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Bot:AppPassword is required", ex.Message);
    }

    [Fact]
    public async Task StartUp_InAnonymousDemoMode_Succeeds_AndIsAnonymous()
    {
        using var host = BuildHost(new Dictionary<string, string?> { ["Bot:AllowAnonymous"] = "true" });

        await host.StartAsync();
        try
        {
            var options = host.Services.GetRequiredService<IOptions<BotOptions>>().Value;
            Assert.True(options.IsAnonymous);
            Assert.Equal(BotOptions.DefaultOpenIdMetadataUrl, options.OpenIdMetadataUrl);
            Assert.Equal("https://api.botframework.com", options.OAuthScope);
            var result = await host.Services.GetRequiredService<BotTokenValidator>().ValidateAsync(null, "msteams", BotTokenMinter.ServiceUrl, default);
            Assert.True(result.IsAnonymous);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public void AllowAnonymous_WithAnAppIdSet_IsNotAnonymous()
    {
        var options = new BotOptions { AppId = BotTokenMinter.AppId, AllowAnonymous = true };
        Assert.False(options.IsAnonymous);
    }

    [Theory]
    [InlineData("http://login.botframework.com/v1/.well-known/openidconfiguration")]
    [InlineData("not a url")]
    public void NonHttpsMetadataUrl_IsRejected(string url)
    {
        var result = new BotOptionsValidator().Validate(null, new BotOptions { AppId = "a", AppPassword = "p", OpenIdMetadataUrl = url });
        Assert.True(result.Failed);
        Assert.Contains("Bot:OpenIdMetadataUrl", result.FailureMessage);
    }

    [Fact]
    public async Task RegisteredServices_ValidateARealToken_ThroughTheHttpClientFactory()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        await using var server = await FakeBotFrameworkServer.StartAsync(new ServedKey("k1", rsa, ["msteams"]));
        using var host = BuildHost(new Dictionary<string, string?>
        {
            ["Bot:AppId"] = BotTokenMinter.AppId,
            ["Bot:AppPassword"] = "not-a-real-secret",
            ["Bot:OpenIdMetadataUrl"] = server.MetadataUrl,
        });
        await host.StartAsync();
        try
        {
            var token = BotTokenMinter.Mint(rsa, "k1", DateTimeOffset.UtcNow);
            var result = await host.Services.GetRequiredService<BotTokenValidator>()
                .ValidateAsync($"Bearer {token}", "msteams", BotTokenMinter.ServiceUrl, default);
            Assert.True(result.Succeeded, result.FailureReason);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddBotAuthentication(builder.Configuration);
        return builder.Build();
    }
}
