using System.Collections.Concurrent;
using Doudi.Feeds;
using Doudi.Imports;
using Doudi.Oversight;
using Doudi.Persistence;

namespace Doudi.Web.Pages.Feeds;

/// <summary>
/// A month's set of files (部门数据导入, "一次导入一个月的全部文件"), or one file uploaded with the form of its type, being
/// imported in the background: the page starts it once the upload is complete and shows its progress file by file
/// until it is done, then its results.
/// The import itself is <see cref="ImportFeedFolderHandler"/>, as <c>doudi feeds import --dir</c> runs it.
/// </summary>
public sealed class FeedImportJob
{
    private readonly ConcurrentDictionary<string, long> _checked = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FeedFileResult> _results = new(StringComparer.Ordinal);

    internal FeedImportJob(Guid id, string startedBy, FeedFolder set, bool oneType)
    {
        (Id, StartedBy, Files, Skipped, OneType) = (id, startedBy, set.Files.OrderByDescending(f => f.Length).ThenBy(f => f.Name, StringComparer.Ordinal).ToList(), set.Skipped, oneType);
    }

    public Guid Id { get; }
    public string StartedBy { get; }

    /// <summary>One file uploaded with the form of its type (any name): its results are shown as that form's report.</summary>
    public bool OneType { get; }

    /// <summary>The files in the order they are imported (largest first).</summary>
    public IReadOnlyList<FeedFile> Files { get; }
    public IReadOnlyList<string> Skipped { get; }

    /// <summary>Set once every file has its result (or the job failed as a whole: <see cref="Failure"/>).</summary>
    public bool Done { get; private set; }
    public string? Failure { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>The results in import order (only once <see cref="Done"/>).</summary>
    public IReadOnlyList<FeedFileResult> Results => [.. Files.Where(f => _results.ContainsKey(f.Name)).Select(f => _results[f.Name])];

    internal IProgress<long> ProgressOf(FeedFile file) => new Reporter(bytes => _checked[file.Name] = bytes);

    internal void Finished(FeedFileResult result) => _results[result.File.Name] = result;

    internal void Complete(string? failure, DateTimeOffset at) => (Failure, FinishedAt, Done) = (failure, at, true);

    /// <summary>Where a file is: 等待 (not read yet), 检查中 (being read and checked), 写入中 (checked, being stored), 完成.</summary>
    public (string State, int Percent) StateOf(FeedFile file)
    {
        if (_results.ContainsKey(file.Name)) return ("完成", 100);
        var bytes = _checked.GetValueOrDefault(file.Name);
        if (bytes == 0) return ("等待", 0);
        return bytes >= file.Length ? ("写入中", 100) : ("检查中", (int)(bytes * 100 / Math.Max(1, file.Length)));
    }

    /// <summary>How far the whole set is, by bytes: a file counts half when checked and whole when stored.</summary>
    public int Percent()
    {
        var total = Math.Max(1, Files.Sum(f => f.Length));
        var done = Files.Sum(f => _results.ContainsKey(f.Name) ? f.Length : Math.Min(f.Length, _checked.GetValueOrDefault(f.Name)) / 2);
        return Done ? 100 : (int)Math.Min(99, done * 100 / total);
    }

    private sealed class Reporter(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}

/// <summary>
/// The month imports running or recently finished in this process (a page polls one by its id). Each runs on the thread
/// pool with the uploading user's name and address for its audit records; its uploaded files are removed when it ends.
/// Finished jobs are kept for an hour so their results can still be shown.
/// </summary>
public sealed class FeedImportJobs(DatabaseLocation location, FeedStore store, AuditTrail trail, TimeProvider clock, ILogger<FeedImportJobs> log)
{
    private readonly ConcurrentDictionary<Guid, FeedImportJob> _jobs = new();

    public FeedImportJob? Find(Guid id) => _jobs.GetValueOrDefault(id);

    /// <summary>
    /// Starts importing the files of <paramref name="set"/>, which live in <paramref name="folder"/> (removed at the end);
    /// <paramref name="oneType"/>: a single file uploaded with the form of its type.
    /// </summary>
    public FeedImportJob Start(DirectoryInfo folder, FeedFolder set, string user, string? from, DateOnly today, bool oneType = false)
    {
        foreach (var old in _jobs.Values.Where(j => j.FinishedAt < clock.GetUtcNow().AddHours(-1)).ToList()) _jobs.TryRemove(old.Id, out _);
        RemoveAbandonedUploads(folder);
        var job = new FeedImportJob(Guid.NewGuid(), user, set, oneType);
        _jobs[job.Id] = job;
        _ = Task.Run(() => RunAsync(job, folder, user, from, today));
        return job;
    }

    /// <summary>The prefix of the temporary folder an uploaded set is saved to (removed when its import ends).</summary>
    public const string UploadPrefix = "doudi-feed-set-";

    // Uploads a stopped server never imported (a job does not survive a restart): gone after a day.
    private void RemoveAbandonedUploads(DirectoryInfo current)
    {
        foreach (var stale in new DirectoryInfo(Path.GetTempPath()).EnumerateDirectories(UploadPrefix + "*")
            .Where(d => d.FullName != current.FullName && d.LastWriteTimeUtc < clock.GetUtcNow().UtcDateTime.AddDays(-1)))
        {
            try
            {
                stale.Delete(recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.LogWarning(e, "could not remove an abandoned upload {Folder}", stale.FullName);
            }
        }
    }

    private async Task RunAsync(FeedImportJob job, DirectoryInfo folder, string user, string? from, DateOnly today)
    {
        string? failure = null;
        try
        {
            var handler = new ImportFeedFolderHandler(new ImportFeedHandler(location, store));
            await foreach (var result in handler.Handle(job.Files,
                f => ImportModel.SetFileCommand(f, today, user) with { Progress = job.ProgressOf(f) }, CancellationToken.None))
            {
                // Every attempt is audited as a single file's import would be.
                await using (var db = location.Open())
                {
                    await trail.AppendAsync(db, new AuditEntry(user, AuditActions.FeedImport, "feed:" + result.File.Type.Name,
                        ImportModel.AuditDetail(result.Outcome, result.File.Name), from), CancellationToken.None);
                }
                job.Finished(result);
            }
        }
        catch (Exception e)
        {
            log.LogError(e, "feed month import {Job} failed", job.Id);
            failure = e.Message;
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException e)
            {
                log.LogWarning(e, "could not remove {Folder}", folder.FullName);
            }
            job.Complete(failure, clock.GetUtcNow());
        }
    }
}
