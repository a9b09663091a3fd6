namespace Tandem.Voice.Recognition;

/// <summary>Reads the entries of chosen words from a CMU-format dictionary (<c>word phones…</c>, alternates as <c>word(2)</c>).</summary>
internal static class PronunciationDictionary
{
    /// <summary>The entries of <paramref name="words"/>, base pronunciation before its alternates, in file order.</summary>
    /// <exception cref="ArgumentException">A word is not in the dictionary; the message names every missing word.</exception>
    public static IReadOnlyList<(string Entry, string Phones)> Lookup(string dictionaryPath, IReadOnlySet<string> words)
    {
        var entries = new List<(string, string)>();
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(dictionaryPath))
        {
            var space = line.IndexOfAny([' ', '\t']);
            if (space <= 0)
            {
                continue;
            }

            var entry = line[..space];
            var word = BaseWord(entry);
            if (words.Contains(word))
            {
                entries.Add((entry, line[(space + 1)..].Trim()));
                found.Add(word);
            }
        }

        var missing = words.Where(w => !found.Contains(w)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException(
                $"The grammar uses words that the dictionary {dictionaryPath} does not have: {string.Join(", ", missing)}.");
        }

        return entries;
    }

    /// <summary><c>zero(2)</c> → <c>zero</c>.</summary>
    public static string BaseWord(string entry)
    {
        var open = entry.LastIndexOf('(');
        return open > 0 && entry.EndsWith(')') ? entry[..open] : entry;
    }
}
