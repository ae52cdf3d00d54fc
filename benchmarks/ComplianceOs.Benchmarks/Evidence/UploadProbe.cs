using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using ComplianceOs.Benchmarks.Conversation;
using ComplianceOs.Domain.EvidenceVault.Inspection;
using ComplianceOs.Domain.EvidenceVault.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComplianceOs.Benchmarks.Evidence;

/// <summary>
/// <c>evidence-probe</c>: the pieces of the store's staging, each on its own, against an Azurite of its own (no
/// database) — to say where the product's staging time goes: reading the generator, SHA-256, the local copy, the
/// block requests one at a time or overlapped, the store's whole staging and commit, and the plain SDK upload.
/// </summary>
public static class UploadProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        int[] sizes = [10, 100];
        var runs = 5;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--sizes": sizes = args[i + 1].Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray(); break;
                case "--runs": runs = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine("usage: dotnet run -c Release --project benchmarks/ComplianceOs.Benchmarks -- evidence-probe [--sizes 10,100] [--runs 5]");
                    return 2;
            }
        }

        Console.WriteLine($"== evidence-probe: the pieces of the Azure store's staging, one process, {runs} runs each after a 1 MB warm-up ==");
        Console.WriteLine($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
        await using var azurite = await AzuriteProcess.StartAsync(ConversationBenchmark.RepoRoot());
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("probe");
        await container.CreateIfNotExistsAsync();
        var copies = Path.Combine(Path.GetTempPath(), "complianceos-evidence-probe");
        var store = new AzureBlobEvidenceStore(container, copies, NullLogger<AzureBlobEvidenceStore>.Instance);
        var seed = 1;

        var steps = new (string Name, Func<long, int, Task> Run)[]
        {
            ("read the generator (4 MiB reads)", async (n, s) => await DrainAsync(new PdfGeneratorStream(n, s), null, null)),
            ("+ SHA-256", async (n, s) => await DrainAsync(new PdfGeneratorStream(n, s), IncrementalHash.CreateHash(HashAlgorithmName.SHA256), null)),
            ("+ local copy (FileStream as the store's)", async (n, s) =>
            {
                var path = Path.Combine(Path.GetTempPath(), $"probe-{Guid.NewGuid():N}");
                try
                {
                    await using var f = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
                    await DrainAsync(new PdfGeneratorStream(n, s), IncrementalHash.CreateHash(HashAlgorithmName.SHA256), f);
                }
                finally
                {
                    File.Delete(path);
                }
            }),
            ("Put Block 4 MiB, 1 in flight (next read meanwhile) + Put Block List", (n, s) => BlocksAsync(container, n, s, 1, 4 << 20, false)),
            ("  + SHA-256 + local copy (= the store's staging)", (n, s) => BlocksAsync(container, n, s, 1, 4 << 20, true)),
            ("Put Block 4 MiB, 2 in flight + SHA-256 + local copy", (n, s) => BlocksAsync(container, n, s, 2, 4 << 20, true)),
            ("Put Block 4 MiB, 3 in flight + SHA-256 + local copy", (n, s) => BlocksAsync(container, n, s, 3, 4 << 20, true)),
            ("Put Block 8 MiB, 1 in flight + SHA-256 + local copy", (n, s) => BlocksAsync(container, n, s, 1, 8 << 20, true)),
            ("Put Block 2 MiB, 3 in flight + SHA-256 + local copy", (n, s) => BlocksAsync(container, n, s, 3, 2 << 20, true)),
            ("store: StageAsync + CommitAsync (all of the above)", async (n, s) =>
            {
                var key = $"t/{Guid.NewGuid():N}/probe-{s}.pdf";
                var r = await store.StageAsync(key, new PdfGeneratorStream(n, s), n + 1, CancellationToken.None);
                await store.CommitAsync(r.Staged!, CancellationToken.None);
                await store.AbandonAsync(r.Staged!, CancellationToken.None);
                await container.GetBlobClient(key).DeleteIfExistsAsync();
            }),
            ("plain: BlobClient.UploadAsync(stream, overwrite: true)", async (n, s) =>
            {
                var b = container.GetBlobClient($"plain/{Guid.NewGuid():N}");
                await b.UploadAsync(new PdfGeneratorStream(n, s), overwrite: true);
                await b.DeleteIfExistsAsync();
            }),
        };

        foreach (var (name, run) in steps)
        {
            await run(1024 * 1024, seed++); // warm-up
        }

        foreach (var size in sizes)
        {
            var n = size * EvidenceBenchmark.Mb;
            Console.WriteLine($"{size} MB:");
            foreach (var (name, run) in steps)
            {
                var ms = new List<double>();
                var cpu = new List<double>();
                var az = new List<double>();
                for (var i = 0; i < runs; i++)
                {
                    GC.Collect();
                    using var self = Process.GetCurrentProcess();
                    var c0 = self.TotalProcessorTime;
                    var a0 = AzuriteProcess.CpuSeconds(azurite.Pid);
                    var sw = Stopwatch.StartNew();
                    await run(n, seed++);
                    ms.Add(sw.Elapsed.TotalMilliseconds);
                    self.Refresh();
                    cpu.Add((self.TotalProcessorTime - c0).TotalMilliseconds);
                    az.Add((AzuriteProcess.CpuSeconds(azurite.Pid) - a0) * 1000);
                }

                Console.WriteLine($"  {name,-72} {string.Join(" ", ms.Select(x => $"{x,7:F0}"))} ms; median {ms.Order().ElementAt(ms.Count / 2),7:F0} ms, CPU {cpu.Order().ElementAt(cpu.Count / 2),6:F0} ms here, {az.Order().ElementAt(az.Count / 2),6:F0} ms Azurite");
            }
        }

        // The inspection reads a PDF's first and last kilobyte of the staged copy, whatever its size.
        var inspector = new ContentInspector();
        foreach (var size in sizes)
        {
            var path = Path.Combine(Path.GetTempPath(), $"probe-{Guid.NewGuid():N}.pdf");
            try
            {
                await using (var f = File.Create(path))
                {
                    await new PdfGeneratorStream(size * EvidenceBenchmark.Mb, seed++).CopyToAsync(f);
                }

                var ms = new List<double>();
                for (var i = 0; i <= runs; i++)
                {
                    var sw = Stopwatch.StartNew();
                    await using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);
                    var verdict = inspector.Inspect(read, "challan.pdf");
                    ms.Add(sw.Elapsed.TotalMilliseconds);
                    if (!verdict.Accepted)
                    {
                        throw new InvalidOperationException($"the inspector refused the generated PDF: {verdict.Refusal}");
                    }
                }

                Console.WriteLine($"{size} MB: ContentInspector.Inspect of the local copy (open + inspect, as the handler): median {ms.Skip(1).Order().ElementAt(runs / 2):F2} ms (first {ms[0]:F2} ms)");
            }
            finally
            {
                File.Delete(path);
            }
        }

        Console.WriteLine($"load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    private static async Task DrainAsync(Stream content, IncrementalHash? hash, Stream? copy)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(AzureBlobEvidenceStore.BlockSize);
        try
        {
            int read;
            while ((read = await content.ReadAtLeastAsync(buffer.AsMemory(0, AzureBlobEvidenceStore.BlockSize), AzureBlobEvidenceStore.BlockSize, throwOnEndOfStream: false)) > 0)
            {
                hash?.AppendData(buffer, 0, read);
                if (copy is not null)
                {
                    await copy.WriteAsync(buffer.AsMemory(0, read));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            hash?.Dispose();
        }
    }

    /// <summary>Put Block of <paramref name="blockSize"/> bytes with at most <paramref name="inFlight"/> requests at once, then Put Block List.</summary>
    private static async Task BlocksAsync(BlobContainerClient container, long n, int seed, int inFlight, int blockSize, bool hashAndCopy)
    {
        var blob = container.GetBlockBlobClient($"blocks/{Guid.NewGuid():N}");
        var content = new PdfGeneratorStream(n, seed);
        var free = new Queue<byte[]>(Enumerable.Range(0, inFlight + 1).Select(_ => ArrayPool<byte>.Shared.Rent(blockSize)));
        var running = new Queue<(Task Upload, byte[] Buffer)>();
        var ids = new List<string>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var path = Path.Combine(Path.GetTempPath(), $"probe-{Guid.NewGuid():N}");
        await using (var copy = hashAndCopy ? new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous) : null)
        {
            while (true)
            {
                var buffer = free.Dequeue();
                var read = await content.ReadAtLeastAsync(buffer.AsMemory(0, blockSize), blockSize, throwOnEndOfStream: false);
                if (read == 0)
                {
                    free.Enqueue(buffer);
                    break;
                }

                if (copy is not null)
                {
                    hash.AppendData(buffer, 0, read);
                    await copy.WriteAsync(buffer.AsMemory(0, read));
                }

                var id = Convert.ToBase64String(BitConverter.GetBytes(ids.Count).Concat(new byte[12]).ToArray());
                ids.Add(id);
                running.Enqueue((blob.StageBlockAsync(id, new MemoryStream(buffer, 0, read, writable: false)), buffer));
                if (running.Count == inFlight || free.Count == 0)
                {
                    var (upload, done) = running.Dequeue();
                    await upload;
                    free.Enqueue(done);
                }
            }

            while (running.Count > 0)
            {
                var (upload, done) = running.Dequeue();
                await upload;
                free.Enqueue(done);
            }
        }

        File.Delete(path);
        foreach (var b in free)
        {
            ArrayPool<byte>.Shared.Return(b);
        }

        await blob.CommitBlockListAsync(ids);
        await blob.DeleteIfExistsAsync();
    }
}
