using ComplianceOs.Domain.Entities.Identifiers;

namespace ComplianceOs.Domain.Tests.Identifiers;

public class IdentifierRulesTests
{
    [Theory]
    [InlineData("27AAACA1234F1ZA")]
    [InlineData("29AAAFA5678K1Z1")]
    [InlineData("24AABCB4321M1ZX")]
    [InlineData("27AAPFU0939F1ZV")]
    public void CheckGstin_AcceptsValidGstins(string gstin) => Assert.Null(IdentifierRules.CheckGstin(gstin));

    [Fact]
    public void CheckGstin_RefusesWrongCheckCharacter_NamingTheExpectedOne()
    {
        var problem = IdentifierRules.CheckGstin("27AAACA1234F1ZB");
        Assert.NotNull(problem);
        Assert.Contains("checksum", problem);
        Assert.Contains("'A'", problem);
    }

    [Fact]
    public void CheckGstin_RefusesUnknownStateCode()
    {
        // 40 is not a GST state code; the check character is made valid so only the state is wrong.
        var body = "40AAACA1234F1Z";
        var gstin = body + IdentifierRules.GstinCheckCharacter(body);
        var problem = IdentifierRules.CheckGstin(gstin);
        Assert.NotNull(problem);
        Assert.Contains("state code 40", problem);
    }

    [Theory]
    [InlineData("27AAACA1234F1Z", "14 characters")]
    [InlineData("27AAACA1234F1XA", "not a GSTIN")]
    [InlineData("2XAAACA1234F1ZA", "not a GSTIN")]
    public void CheckGstin_RefusesMalformedValues(string gstin, string expected) =>
        Assert.Contains(expected, IdentifierRules.CheckGstin(gstin));

    [Fact]
    public void GstinCheckCharacter_MatchesEveryCharacterPosition()
    {
        // Changing any single character of a valid GSTIN's body changes the check character (mod-36 Luhn).
        const string valid = "27AAACA1234F1ZA";
        for (var i = 0; i < 14; i++)
        {
            var chars = valid.ToCharArray();
            chars[i] = chars[i] == '9' ? '8' : '9';
            Assert.NotEqual(valid[14], IdentifierRules.GstinCheckCharacter(new string(chars, 0, 14)));
        }
    }

    [Theory]
    [InlineData("AAACA1234F", null)]
    [InlineData("AAAPL1234C", null)]
    [InlineData("AAACA1234", "not a PAN")]
    [InlineData("AAA1A1234F", "not a PAN")]
    [InlineData("AAAXA1234F", "holder type")]
    public void CheckPan(string pan, string? expected)
    {
        var problem = IdentifierRules.CheckPan(pan);
        if (expected is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(expected, problem);
        }
    }

    [Theory]
    [InlineData("U74999MH2015PTC123456", true)]
    [InlineData("L17110MH1973PLC019786", true)]
    [InlineData("X74999MH2015PTC123456", false)]
    [InlineData("U74999MH2015PTC12345", false)]
    public void CheckCin(string cin, bool valid) => Assert.Equal(valid, IdentifierRules.CheckCin(cin) is null);

    [Theory]
    [InlineData("AAB-1234", true)]
    [InlineData("AAB1234", false)]
    public void CheckLlpin(string llpin, bool valid) => Assert.Equal(valid, IdentifierRules.CheckLlpin(llpin) is null);

    [Theory]
    [InlineData("MUMA12345B", true)]
    [InlineData("MUM12345B", false)]
    public void CheckTan(string tan, bool valid) => Assert.Equal(valid, IdentifierRules.CheckTan(tan) is null);

    [Theory]
    [InlineData("27", "27")]
    [InlineData("maharashtra", "27")]
    [InlineData("Karnataka", "29")]
    public void IndianStates_ResolveCodesAndNames(string input, string code)
    {
        Assert.True(IndianStates.TryResolve(input, out var resolved));
        Assert.Equal(code, resolved);
    }

    [Theory]
    [InlineData("40")]
    [InlineData("Atlantis")]
    [InlineData("")]
    public void IndianStates_RefuseUnknown(string input) => Assert.False(IndianStates.TryResolve(input, out _));
}
