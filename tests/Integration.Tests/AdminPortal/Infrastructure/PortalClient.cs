using System.Net;
using System.Text.RegularExpressions;

namespace ComplianceOs.Integration.Tests.AdminPortal.Infrastructure;

/// <summary>
/// A browser-like HTTP client for page-handler tests: keeps cookies (including Secure ones, which browsers send to
/// 127.0.0.1 and .NET's cookie container would not over http), does not follow redirects, and posts forms with the
/// antiforgery token read from the page, as the page's own form would.
/// </summary>
public sealed partial class PortalClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public PortalClient(string baseUrl)
    {
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(baseUrl) };
    }

    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    public List<string> SetCookieHeaders { get; } = [];

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(request);
    }

    public async Task<string> GetPageAsync(string path)
    {
        using var response = await GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK ? body : throw new HttpRequestException($"GET {path}: {(int)response.StatusCode} {response.Headers.Location}");
    }

    /// <summary>Posts <paramref name="fields"/> to <paramref name="path"/> with the antiforgery token of the page at <paramref name="formPage"/> (default: the same path).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string? formPage = null, bool withToken = true)
    {
        var all = fields.ToList();
        if (withToken)
        {
            all.Add(new("__RequestVerificationToken", await TokenOfAsync(formPage ?? path)));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(all) };
        return await SendAsync(request);
    }

    /// <summary>Uploads <paramref name="content"/> as the file field <paramref name="field"/> of a multipart form, as a browser would, with the antiforgery token of <paramref name="formPage"/>.</summary>
    /// <param name="expectContinue">Ask before sending the body (<c>Expect: 100-continue</c>), so a server that refuses it by its length answers rather than cutting the upload off.</param>
    public async Task<HttpResponseMessage> PostFileAsync(
        string path, string field, string fileName, byte[] content, string? formPage = null, string contentType = "application/octet-stream", bool expectContinue = false)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(await TokenOfAsync(formPage ?? path)), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        form.Add(file, field, fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
        request.Headers.ExpectContinue = expectContinue;
        return await SendAsync(request);
    }

    public Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        PostFormAsync("/Account/SignIn", [new("Email", email), new("Password", password)]);

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await _http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                SetCookieHeaders.Add(header);
                var pair = header.Split(';')[0];
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var (name, value) = (pair[..eq].Trim(), pair[(eq + 1)..].Trim());
                var expired = header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
                if (expired || value.Length == 0)
                {
                    _cookies.Remove(name);
                }
                else
                {
                    _cookies[name] = value;
                }
            }
        }

        return response;
    }

    public void Dispose() => _http.Dispose();

    private async Task<string> TokenOfAsync(string formPage)
    {
        var page = await GetPageAsync(formPage);
        return Token().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException($"no antiforgery token on {formPage}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
