namespace Doudi.Feeds;

/// <summary>A file of a monthly set: named after its feed type (<c>TYPE.csv</c> or <c>TYPE.xlsx</c>).</summary>
public sealed record FeedFile(FeedType Type, string Path, long Length)
{
    public string Name => System.IO.Path.GetFileName(Path);
}

/// <summary>What a folder holds for <c>feeds import --dir</c>: one file per feed type, and the names it skips.</summary>
public sealed record FeedFolder(IReadOnlyList<FeedFile> Files, IReadOnlyList<string> Skipped, IReadOnlyList<string> Problems)
{
    private static readonly string[] Extensions = [".csv", ".xlsx"];

    /// <summary>
    /// The files of <paramref name="dir"/> (not its subfolders) named after a feed type. Two files for one type (say
    /// <c>medical.csv</c> and <c>medical.xlsx</c>) are a problem: which of them wins a repeated key would be a guess.
    /// </summary>
    public static FeedFolder Scan(string dir)
    {
        var files = new List<FeedFile>();
        var skipped = new List<string>();
        foreach (var path in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
        {
            var name = System.IO.Path.GetFileName(path);
            var stem = System.IO.Path.GetFileNameWithoutExtension(name);
            var type = Extensions.Contains(System.IO.Path.GetExtension(name), StringComparer.OrdinalIgnoreCase) ? FeedTypes.Find(stem) : null;
            if (type is null) skipped.Add(name);
            else files.Add(new FeedFile(type, path, LengthOf(path)));
        }
        var problems = files.GroupBy(f => f.Type.Name).Where(g => g.Count() > 1)
            .Select(g => $"{string.Join("、", g.Select(f => f.Name))}: 同一类数据有多个文件，无法确定以哪个为准，请只保留一个")
            .ToList();
        return new FeedFolder(files, skipped, problems);
    }

    // The size of what the name opens: a symbolic link's target, not the link. A file that cannot be opened sorts last;
    // its import then fails on its own, without stopping the others.
    private static long LengthOf(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path);
            return RandomAccess.GetLength(handle);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}

/// <summary>One file's result in a folder import: its outcome, or why it failed (nothing of it stored).</summary>
public sealed record FeedFileResult(FeedFile File, ImportFeedOutcome? Outcome, string? Failure);

/// <summary>
/// Imports a monthly set of feed files, each as its own batch exactly as <see cref="ImportFeedHandler.Handle"/>
/// would, largest first, and pipelined: the next file is read and checked (C#, every core) while this one is
/// stored (DuckDB, then the transactional commit), so both cores stay busy. Files are stored one at a time. A file
/// that fails stores nothing and does not stop the others.
/// </summary>
public sealed class ImportFeedFolderHandler(ImportFeedHandler handler)
{
    public async IAsyncEnumerable<FeedFileResult> Handle(IReadOnlyList<FeedFile> files, Func<FeedFile, ImportFeed> command,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        // Largest first: the largest store overlaps the second file's check, and the last store, left alone, is small.
        var ordered = files.OrderByDescending(f => f.Length).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();
        Task<(CheckedFeed? Checked, string? Failure)>? next = ordered.Count > 0 ? Check(ordered[0]) : null;
        try
        {
            for (var i = 0; i < ordered.Count; i++)
            {
                var (checkedFeed, failure) = await next!;
                next = i + 1 < ordered.Count ? Check(ordered[i + 1]) : null;
                if (checkedFeed is null)
                {
                    yield return new FeedFileResult(ordered[i], null, failure);
                    continue;
                }
                ImportFeedOutcome? outcome = null;
                using (checkedFeed)
                {
                    try
                    {
                        outcome = await checkedFeed.StoreAsync(ct);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // The store rolled back (DuckDB and the transactional database alike): nothing of the file is kept.
                        failure = e.Message;
                    }
                }
                yield return new FeedFileResult(ordered[i], outcome, failure);
            }
        }
        finally
        {
            // Stopped early (cancelled, or the caller stopped reading): the file checked ahead leaves no staging file.
            if (next is not null)
            {
                try
                {
                    (await next).Checked?.Dispose();
                }
                catch (OperationCanceledException)
                {
                }
            }
        }

        Task<(CheckedFeed?, string?)> Check(FeedFile file) => Task.Run<(CheckedFeed?, string?)>(async () =>
        {
            try
            {
                return (await handler.CheckAsync(command(file), ct), null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return (null, e.Message);
            }
        }, ct);
    }
}
