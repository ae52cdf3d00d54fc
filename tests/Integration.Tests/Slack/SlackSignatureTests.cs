using System.Text;
using ComplianceOs.BotHost.Slack;
using ComplianceOs.BotHost.Slack.Signing;
using ComplianceOs.Integration.Tests.Teams.Auth;
using Microsoft.Extensions.Options;

namespace ComplianceOs.Integration.Tests.Slack;

/// <summary>Slack's v0 request signature, as Slack computes it, against what an attacker or a broken proxy sends.</summary>
public class SlackSignatureTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("token=xyz&team_id=T0ACME001&user_id=U0PRIYA01&command=%2Fcompliance&text=my+tasks&trigger_id=1.2.3");

    private static SlackSignatureVerifier Verifier(string secret = Secret) =>
        new(Options.Create(new SlackOptions { SigningSecret = secret }), new ManualTimeProvider(Now));

    private static string Ts(TimeSpan offset) => (Now + offset).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void KnownVector_FromSlacksDocumentation_Matches()
    {
        // The worked example of Slack's "Verifying requests from Slack" page.
        const string body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        Assert.Equal(
            "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
            SlackSignatureVerifier.Sign(Secret, "1531420618", Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void Valid_IsAccepted()
    {
        var ts = Ts(TimeSpan.FromSeconds(-20));
        Assert.Equal(SlackSignatureOutcome.Valid, Verifier().Verify(ts, SlackSignatureVerifier.Sign(Secret, ts, Body), Body));
    }

    [Fact]
    public void WrongSecret_IsRefused()
    {
        var ts = Ts(TimeSpan.Zero);
        Assert.Equal(SlackSignatureOutcome.BadSignature, Verifier().Verify(ts, SlackSignatureVerifier.Sign("another-secret", ts, Body), Body));
    }

    [Fact]
    public void BodyAlteredByOneByte_IsRefused()
    {
        var ts = Ts(TimeSpan.Zero);
        var signature = SlackSignatureVerifier.Sign(Secret, ts, Body);
        var altered = (byte[])Body.Clone();
        altered[^1] ^= 1;
        Assert.Equal(SlackSignatureOutcome.BadSignature, Verifier().Verify(ts, signature, altered));
    }

    [Theory]
    [InlineData(-6 * 60)]
    [InlineData(6 * 60)]
    public void TimestampSixMinutesAway_IsRefused_EvenWhenSignedCorrectly(int seconds)
    {
        var ts = Ts(TimeSpan.FromSeconds(seconds));
        Assert.Equal(SlackSignatureOutcome.Stale, Verifier().Verify(ts, SlackSignatureVerifier.Sign(Secret, ts, Body), Body));
    }

    [Fact]
    public void ReplayedRequest_IsRefusedTheSecondTime()
    {
        var verifier = Verifier();
        var ts = Ts(TimeSpan.Zero);
        var signature = SlackSignatureVerifier.Sign(Secret, ts, Body);
        Assert.Equal(SlackSignatureOutcome.Valid, verifier.Verify(ts, signature, Body));
        Assert.Equal(SlackSignatureOutcome.Replayed, verifier.Verify(ts, signature, Body));
    }

    [Fact]
    public void ReplayedRequest_IsRefused_ForAsLongAsItsTimestampIsAccepted_EvenAcrossTheCachesRotation()
    {
        var clock = new ManualTimeProvider(Now);
        var verifier = new SlackSignatureVerifier(Options.Create(new SlackOptions { SigningSecret = Secret }), clock);
        Assert.Equal(SlackSignatureOutcome.Valid, verifier.Verify(Ts(TimeSpan.Zero), SlackSignatureVerifier.Sign(Secret, Ts(TimeSpan.Zero), Body), Body));

        // Seen six minutes in, with a clock five minutes ahead of ours: acceptable until minute sixteen.
        clock.Advance(TimeSpan.FromMinutes(6));
        var ts = Ts(TimeSpan.FromMinutes(11));
        var signature = SlackSignatureVerifier.Sign(Secret, ts, Body);
        Assert.Equal(SlackSignatureOutcome.Valid, verifier.Verify(ts, signature, Body));

        // Minute ten rotates the seen signatures into the older generation; it is still consulted.
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(SlackSignatureOutcome.Replayed, verifier.Verify(ts, signature, Body));
        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(SlackSignatureOutcome.Replayed, verifier.Verify(ts, signature, Body));

        // Past the window the timestamp itself is refused.
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(SlackSignatureOutcome.Stale, verifier.Verify(ts, signature, Body));
    }

    [Theory]
    [InlineData(null, "v0=00")]
    [InlineData("1763892000", null)]
    [InlineData("", "")]
    public void MissingHeaders_AreRefused(string? ts, string? signature) =>
        Assert.Equal(SlackSignatureOutcome.MissingHeaders, Verifier().Verify(ts, signature, Body));

    [Theory]
    [InlineData("v1=")]
    [InlineData("sha256=")]
    public void OtherVersions_AreRefused(string prefix)
    {
        var ts = Ts(TimeSpan.Zero);
        var signature = prefix + SlackSignatureVerifier.Sign(Secret, ts, Body)[3..];
        Assert.Equal(SlackSignatureOutcome.UnknownVersion, Verifier().Verify(ts, signature, Body));
    }

    [Theory]
    [InlineData("v0=zz")]
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b50")]
    [InlineData("v0=g2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    public void MalformedSignatures_AreRefused_WithoutThrowing(string signature) =>
        Assert.Equal(SlackSignatureOutcome.BadSignature, Verifier().Verify(Ts(TimeSpan.Zero), signature, Body));

    [Fact]
    public void NonNumericTimestamp_IsRefused() =>
        Assert.Equal(SlackSignatureOutcome.BadTimestamp, Verifier().Verify("12:00", "v0=00", Body));
}
