using System.Runtime.InteropServices;

namespace ComplianceOs.Domain.EvidenceVault.Storage;

/// <summary>
/// Moves a file to a path that must not exist yet, atomically: of two moves to one path exactly one succeeds, and the
/// other fails with <see cref="IOException"/> while the winner's file stays as it was. <see cref="File.Move(string,
/// string, bool)"/> without overwrite is that on Windows, but on Unix .NET checks that the target is missing and then
/// calls rename(2), which replaces a file created in between; so on Unix this hard-links (link(2) fails with EEXIST
/// when the name exists) and then removes the source name.
/// </summary>
internal static class NoReplaceFileMove
{
    private const int Eexist = 17; // the same on Linux and macOS

    public static void Move(string source, string destination)
    {
        if (OperatingSystem.IsWindows())
        {
            File.Move(source, destination, overwrite: false);
            return;
        }

        if (Link(source, destination) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            var reason = Marshal.GetPInvokeErrorMessage(errno);
            throw errno == Eexist
                ? new IOException($"The file '{destination}' already exists.")
                : new IOException($"Could not link '{source}' to '{destination}': {reason} (errno {errno}).");
        }

        File.Delete(source);
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);
}
