namespace ComplianceOs.BotHost.Slack.Api;

/// <summary>Web API method names, and which of them may be sent again after an ambiguous failure.</summary>
public static class SlackApiMethods
{
    public const string ChatPostMessage = "chat.postMessage";
    public const string ChatUpdate = "chat.update";
    public const string ChatPostEphemeral = "chat.postEphemeral";
    public const string ConversationsOpen = "conversations.open";
    public const string ViewsOpen = "views.open";
    public const string ViewsPublish = "views.publish";
    public const string UsersInfo = "users.info";
    public const string AuthTest = "auth.test";
    public const string FilesInfo = "files.info";
    public const string OAuthV2Access = "oauth.v2.access";

    /// <summary>Not a Web API method: the name the client uses for GETs of <c>url_private_download</c> (rate-limit key, logs).</summary>
    public const string FileDownload = "files.download";

    /// <summary>Not a Web API method: the name used in logs for posts to an interaction's <c>response_url</c>.</summary>
    public const string ResponseUrl = "response_url";

    /// <summary>
    /// Methods whose repetition changes nothing, so a 5xx or a lost connection is retried. Not chat.postMessage or
    /// chat.postEphemeral (the first attempt may have been delivered: a retry would post twice), not views.open (its
    /// trigger_id expires after 3 s and may already be exchanged), not oauth.v2.access (the code is single-use).
    /// </summary>
    public static bool IsSafeToRepeat(string method) => method is
        ChatUpdate or ViewsPublish or UsersInfo or FilesInfo or ConversationsOpen or AuthTest or FileDownload;
}
