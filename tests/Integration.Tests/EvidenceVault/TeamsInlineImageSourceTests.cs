using ComplianceOs.BotHost.Conversation.Evidence;
using ComplianceOs.BotHost.Teams.Auth;
using ComplianceOs.BotHost.Teams.Connector;
using ComplianceOs.BotHost.Teams.Files;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.Infrastructure;
using ComplianceOs.Integration.Tests.Teams.Connector;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ComplianceOs.Integration.Tests.EvidenceVault;

/// <summary>
/// Pasted images are fetched from the connector with the bot's token (a local token endpoint and file server stand in
/// for Entra ID and the connector), and the token goes to no host outside the allow-list.
/// </summary>
public sealed class TeamsInlineImageSourceTests
{
    private static readonly ResolvedIdentity Acme = new(DemoWorld.Acme.TenantId, "Acme", null);

    private static TeamsInlineImageSource Create(FakeConnector tokens, params string[] imageHosts)
    {
        var bot = Options.Create(new BotOptions { AppId = "bot-app-id", AppPassword = "secret", TokenEndpoint = tokens.BaseUrl + "/token" });
        var http = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new TeamsInlineImageSource(
            http,
            new ConnectorTokenProvider(new HttpClient(), bot, TimeProvider.System, NullLogger<ConnectorTokenProvider>.Instance),
            Options.Create(new TeamsFileOptions { ImageHosts = [.. imageHosts] }),
            NullLogger<TeamsInlineImageSource>.Instance);
    }

    [Fact]
    public async Task APastedImage_IsFetchedWithTheBotToken_AndNamedFromItsType()
    {
        await using var tokens = await FakeConnector.StartAsync();
        await using var files = await FakeFileServer.StartAsync();
        var png = SampleFiles.Png();
        var url = files.Add(png, "image/png");

        await using var fetched = await Create(tokens, "127.0.0.1").OpenAsync(Acme, new IncomingFile(TeamsInlineImageSource.UnnamedImage, TeamsInlineImageSource.SourceName, url), CancellationToken.None);

        Assert.Null(fetched.Problem);
        using var copy = new MemoryStream();
        await fetched.Content!.CopyToAsync(copy);
        Assert.Equal(png, copy.ToArray());
        Assert.Equal("pasted-image.png", fetched.Name);
        Assert.Equal("Bearer token-1", Assert.Single(files.Requests).Authorization);
    }

    [Fact]
    public async Task AnImageOutsideTheAllowedHosts_IsNotFetched_AndNoTokenIsAskedFor()
    {
        await using var tokens = await FakeConnector.StartAsync();
        await using var files = await FakeFileServer.StartAsync();
        var url = files.Add(SampleFiles.Png(), "image/png");

        await using var fetched = await Create(tokens, "smba.trafficmanager.net").OpenAsync(Acme, new IncomingFile("x.png", TeamsInlineImageSource.SourceName, url), CancellationToken.None);

        Assert.Null(fetched.Content);
        Assert.Contains("not one Teams uses for images", fetched.Problem);
        Assert.Empty(files.Requests);
        Assert.Equal(0, tokens.TokenRequests);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/v3/attachments/0-eus-d1-abc/views/original", true)]
    [InlineData("https://us-api.asm.skype.com/v1/objects/0-eus-d1-abc/views/imgo", true)]
    [InlineData("http://smba.trafficmanager.net/amer/v3/attachments/x/views/original", false)] // plain http off loopback
    [InlineData("https://contoso.sharepoint.com/personal/priya/x.png", false)] // files, not images: no token there
    [InlineData("https://trafficmanager.net.evil.example/x", false)]
    public void TheDefaultImageHosts_AreTheConnectorsAndTeamsMediaOnly(string url, bool allowed) =>
        Assert.Equal(allowed, new TeamsFileOptions().IsAllowedImage(new Uri(url)));
}
