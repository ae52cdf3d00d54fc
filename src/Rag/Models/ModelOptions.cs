namespace ComplianceOs.Rag.Models;

/// <summary>
/// An OpenAI-compatible endpoint (OpenAI, Azure OpenAI's v1 API, or a local server speaking that API), configured
/// under <c>Assistant:Chat</c> or <c>Assistant:Embeddings</c>. Unset: the built-in embedder and no chat model.
/// </summary>
public sealed class ModelEndpointOptions
{
    /// <summary>Base URL, e.g. <c>https://api.openai.com/v1</c> or <c>http://127.0.0.1:8080/v1</c>.</summary>
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    /// <summary>The key; never logged. Local servers that need none may leave it empty.</summary>
    public string? ApiKey { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);

    /// <summary>Problems with the settings, named by key; empty when usable.</summary>
    public IEnumerable<string> Problems(string section)
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            yield return $"{section}:Endpoint must be an absolute http(s) URL";
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            yield return $"{section}:Model is required when {section}:Endpoint is set";
        }
    }
}
