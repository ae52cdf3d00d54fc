using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace ComplianceOs.Integration.Tests.Manifests;

/// <summary>
/// Builds the Teams app package with manifests/teams/package.js (which validates the manifest
/// against the v1.29 schema bundled in @microsoft/app-manifest, offline) and inspects the zip.
/// No database: not in the database collection.
/// </summary>
public sealed class TeamsPackageTests
{
    private const string BotId = "6f1c2b7e-3a4d-4e5f-9a8b-1c2d3e4f5a6b";
    private static readonly string[] Commands = ["help", "my tasks", "status", "dashboard", "history"];
    private static readonly string[] Scopes = ["personal", "team", "groupChat"];

    [Fact]
    public async Task Package_builds_a_zip_with_exactly_the_manifest_and_two_icons()
    {
        using var temp = new TempDir();
        var zipPath = Path.Combine(temp.Path, "teams.zip");

        var run = await TeamsPackager.RunAsync(["--bot-id", BotId, "--out", zipPath]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Path.GetFullPath(zipPath), run.Stdout.Trim());
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(
            new[] { "color.png", "manifest.json", "outline.png" },
            zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task Packaged_manifest_has_the_bot_id_scopes_files_and_commands()
    {
        using var temp = new TempDir();
        var zipPath = Path.Combine(temp.Path, "teams.zip");
        var run = await TeamsPackager.RunAsync(["--bot-id", BotId, "--out", zipPath]);
        Assert.True(run.ExitCode == 0, run.ToString());

        using var zip = ZipFile.OpenRead(zipPath);
        JsonNode manifest;
        using (var stream = zip.GetEntry("manifest.json")!.Open())
        {
            manifest = JsonNode.Parse(stream)!;
        }

        Assert.Equal("1.29", manifest["manifestVersion"]!.GetValue<string>());
        Assert.Equal(
            "https://developer.microsoft.com/json-schemas/teams/v1.29/MicrosoftTeams.schema.json",
            manifest["$schema"]!.GetValue<string>());
        Assert.Equal("1.0.0", manifest["version"]!.GetValue<string>());
        Assert.Equal(BotId, manifest["id"]!.GetValue<string>());
        Assert.Equal("Compliance OS", manifest["name"]!["short"]!.GetValue<string>());
        Assert.Equal("color.png", manifest["icons"]!["color"]!.GetValue<string>());
        Assert.Equal("outline.png", manifest["icons"]!["outline"]!.GetValue<string>());
        Assert.DoesNotContain("{{", manifest.ToJsonString());

        var bots = manifest["bots"]!.AsArray();
        var bot = Assert.Single(bots)!;
        Assert.Equal(BotId, bot["botId"]!.GetValue<string>());
        Assert.Equal(Scopes.Order(), bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).Order());
        Assert.True(bot["supportsFiles"]!.GetValue<bool>());
        Assert.False(bot["isNotificationOnly"]!.GetValue<bool>());

        var lists = bot["commandLists"]!.AsArray();
        Assert.Equal(
            Scopes.Order(),
            lists.SelectMany(l => l!["scopes"]!.AsArray().Select(s => s!.GetValue<string>())).Order());
        foreach (var list in lists)
        {
            var commands = list!["commands"]!.AsArray();
            Assert.Equal(Commands, commands.Select(c => c!["title"]!.GetValue<string>()));
            Assert.All(commands, c => Assert.False(string.IsNullOrWhiteSpace(c!["description"]?.GetValue<string>())));
        }

        Assert.Null(manifest["webApplicationInfo"]);
    }

    [Fact]
    public async Task Packaged_icons_have_the_required_sizes_and_the_outline_is_white_on_transparent()
    {
        using var temp = new TempDir();
        var zipPath = Path.Combine(temp.Path, "teams.zip");
        var run = await TeamsPackager.RunAsync(["--bot-id", BotId, "--out", zipPath]);
        Assert.True(run.ExitCode == 0, run.ToString());

        using var zip = ZipFile.OpenRead(zipPath);
        var color = Png.Decode(ReadEntry(zip, "color.png"));
        var outline = Png.Decode(ReadEntry(zip, "outline.png"));

        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));

        var pixels = Enumerable.Range(0, outline.Width * outline.Height)
            .Select(i => outline.Rgba.AsSpan(i * 4, 4).ToArray())
            .ToList();
        // Every visible pixel is pure white; some pixels are fully transparent, some opaque.
        Assert.All(pixels.Where(p => p[3] > 0), p => Assert.Equal(new byte[] { 255, 255, 255 }, p[..3]));
        Assert.Contains(pixels, p => p[3] == 0);
        Assert.Contains(pixels, p => p[3] == 255);
    }

    [Fact]
    public async Task Bot_id_can_come_from_the_Bot__AppId_environment_variable()
    {
        using var temp = new TempDir();
        var zipPath = Path.Combine(temp.Path, "teams.zip");

        var run = await TeamsPackager.RunAsync(["--out", zipPath], new Dictionary<string, string> { ["Bot__AppId"] = BotId });

        Assert.True(run.ExitCode == 0, run.ToString());
        using var zip = ZipFile.OpenRead(zipPath);
        using var stream = zip.GetEntry("manifest.json")!.Open();
        Assert.Equal(BotId, JsonNode.Parse(stream)!["bots"]![0]!["botId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("6f1c2b7e3a4d4e5f9a8b1c2d3e4f5a6b")]
    [InlineData("6f1c2b7e-3a4d-4e5f-9a8b-1c2d3e4f5a6")]
    public async Task A_bot_id_that_is_not_a_guid_is_refused_and_no_zip_is_written(string badId)
    {
        using var temp = new TempDir();
        var zipPath = Path.Combine(temp.Path, "teams.zip");

        var run = await TeamsPackager.RunAsync(["--bot-id", badId, "--out", zipPath]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"\"{badId}\" is not a GUID", run.Stderr);
        Assert.False(File.Exists(zipPath));
    }

    [Fact]
    public async Task A_manifest_missing_a_required_field_fails_schema_validation_with_the_field_named()
    {
        using var temp = new TempDir();
        var manifest = JsonNode.Parse(File.ReadAllText(TeamsPackager.TemplatePath))!.AsObject();
        Assert.True(manifest.Remove("accentColor"));
        var copy = Path.Combine(temp.Path, "manifest.json");
        File.WriteAllText(copy, manifest.ToJsonString());
        var zipPath = Path.Combine(temp.Path, "teams.zip");

        var run = await TeamsPackager.RunAsync(["--manifest", copy, "--bot-id", BotId, "--out", zipPath]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("must have required property 'accentColor'", run.Stderr);
        Assert.False(File.Exists(zipPath));
    }

    [Fact]
    public async Task Every_problem_is_named_not_just_the_first()
    {
        using var temp = new TempDir();
        var manifest = JsonNode.Parse(File.ReadAllText(TeamsPackager.TemplatePath))!.AsObject();
        manifest["bots"]![0]!["scopes"] = new JsonArray("personal", "groupchat"); // old spelling
        manifest["name"]!["short"] = new string('x', 31); // max 30
        manifest["icons"]!["outline"] = "color.png"; // 192x192, not 32x32
        var copy = Path.Combine(temp.Path, "manifest.json");
        File.WriteAllText(copy, manifest.ToJsonString());

        var run = await TeamsPackager.RunAsync(["--manifest", copy, "--bot-id", BotId, "--out", Path.Combine(temp.Path, "t.zip")]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("/bots/0/scopes/1 must be equal to one of the allowed values", run.Stderr);
        Assert.Contains("/name/short must NOT have more than 30 characters", run.Stderr);
        Assert.Contains("icons.outline", run.Stderr);
        Assert.Contains("must be 32x32", run.Stderr);
    }

    private static byte[] ReadEntry(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("teams-package-").FullName;

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Minimal decoder for 8-bit RGBA / RGB non-interlaced PNGs, enough to check the icons.</summary>
    private static class Png
    {
        public sealed record Image(int Width, int Height, byte[] Rgba);

        public static Image Decode(byte[] png)
        {
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
            int width = 0, height = 0, colorType = 0;
            using var idat = new MemoryStream();
            for (var pos = 8; pos < png.Length;)
            {
                var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
                var type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
                var data = png.AsSpan(pos + 8, length);
                if (type == "IHDR")
                {
                    width = (int)BinaryPrimitives.ReadUInt32BigEndian(data);
                    height = (int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
                    Assert.Equal(8, data[8]); // bit depth
                    colorType = data[9];
                    Assert.Contains(colorType, new[] { 2, 6 });
                    Assert.Equal(0, data[12]); // not interlaced
                }
                else if (type == "IDAT")
                {
                    idat.Write(data);
                }

                pos += 12 + length;
            }

            var channels = colorType == 6 ? 4 : 3;
            var stride = width * channels;
            idat.Position = 0;
            using var inflater = new ZLibStream(idat, CompressionMode.Decompress);
            using var raw = new MemoryStream();
            inflater.CopyTo(raw);
            var bytes = raw.ToArray();

            var pixels = new byte[height * stride];
            for (var y = 0; y < height; y++)
            {
                var filter = bytes[y * (stride + 1)];
                for (var x = 0; x < stride; x++)
                {
                    int a = x >= channels ? pixels[y * stride + x - channels] : 0;
                    int b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
                    int c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
                    int value = bytes[y * (stride + 1) + 1 + x];
                    value += filter switch
                    {
                        0 => 0,
                        1 => a,
                        2 => b,
                        3 => (a + b) / 2,
                        4 => Paeth(a, b, c),
                        _ => throw new InvalidDataException($"PNG filter {filter}"),
                    };
                    pixels[y * stride + x] = (byte)value;
                }
            }

            if (channels == 4)
            {
                return new Image(width, height, pixels);
            }

            var rgba = new byte[width * height * 4];
            for (var i = 0; i < width * height; i++)
            {
                pixels.AsSpan(i * 3, 3).CopyTo(rgba.AsSpan(i * 4));
                rgba[i * 4 + 3] = 255;
            }

            return new Image(width, height, rgba);
        }

        private static int Paeth(int a, int b, int c)
        {
            var p = a + b - c;
            int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
    }
}
