using System.Net;
using System.Text.Json;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using NodaTime;

namespace ComplianceOs.Integration.Tests.Health;

[Collection(DatabaseCollection.Name)]
public class HealthEndpointTests(DatabaseFixture fixture)
{
    private WebApplicationFactory<Program> HostFor(string appConnectionString) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
            b.UseSetting("ConnectionStrings:ComplianceDb", appConnectionString)
             .UseSetting("ConnectionStrings:ComplianceDbOwner", string.Empty)
             .UseSetting("Bot:AllowAnonymous", "true")
            .UseSetting("Notifications:DispatchIntervalSeconds", "0"));

    [Fact]
    public async Task Health_ReportsDatabaseMigrationsAndSeed()
    {
        await fixture.Get<DemoSeed>().RunAsync(new LocalDate(2026, 11, 22));
        await using var host = HostFor(fixture.AppConnectionString);

        var response = await host.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("healthy", root.GetProperty("status").GetString());
        Assert.True(root.GetProperty("database").GetProperty("reachable").GetBoolean());
        Assert.Equal(fixture.AppliedMigrations.Count, root.GetProperty("migrations").GetProperty("applied").GetInt32());
        Assert.Equal(0, root.GetProperty("migrations").GetProperty("pending").GetArrayLength());
        var seed = root.GetProperty("seed");
        Assert.True(seed.GetProperty("demoWorldSeeded").GetBoolean());
        var acme = seed.GetProperty("tenants")[0];
        Assert.Equal("Acme India Pvt Ltd", acme.GetProperty("name").GetString());
        Assert.Equal(2, acme.GetProperty("entities").GetInt32());
        Assert.Equal(4, acme.GetProperty("people").GetInt32());
        var bharat = seed.GetProperty("tenants")[1];
        Assert.Equal((1, 2), (bharat.GetProperty("entities").GetInt32(), bharat.GetProperty("people").GetInt32()));
    }

    [Fact]
    public async Task Health_WithTheDatabaseUnreachable_Is503WithoutDetails()
    {
        await using var host = HostFor("Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2");

        var response = await host.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        Assert.Equal("unhealthy", json.RootElement.GetProperty("status").GetString());
        Assert.False(json.RootElement.GetProperty("database").GetProperty("reachable").GetBoolean());
        Assert.DoesNotContain("Password", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", body);
    }
}

public class HostConfigurationTests
{
    [Fact]
    public void BotHost_WithoutTheApplicationConnectionString_RefusesToStart_NamingTheKey()
    {
        using var host = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
            b.UseSetting("ConnectionStrings:ComplianceDb", string.Empty).UseSetting("Bot:AllowAnonymous", "true")
            .UseSetting("Notifications:DispatchIntervalSeconds", "0"));

        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => host.CreateClient());
        Assert.Contains("ConnectionStrings:ComplianceDb is required", ex.Message);
    }
}
