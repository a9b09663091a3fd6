namespace Tandem.Voice.Harness;

/// <summary>Levenshtein distance and the character error rate built on it.</summary>
public static class EditDistance
{
    /// <summary>Insertions, deletions and substitutions that turn <paramref name="reference"/> into <paramref name="hypothesis"/>.</summary>
    public static int Levenshtein(string reference, string hypothesis)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(hypothesis);
        if (reference.Length == 0)
        {
            return hypothesis.Length;
        }

        if (hypothesis.Length == 0)
        {
            return reference.Length;
        }

        // Two rows are enough: entities are short, and this runs once per attempt.
        Span<int> previous = stackalloc int[hypothesis.Length + 1];
        Span<int> current = stackalloc int[hypothesis.Length + 1];
        for (var j = 0; j <= hypothesis.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= reference.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= hypothesis.Length; j++)
            {
                var cost = reference[i - 1] == hypothesis[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
            }

            current.CopyTo(previous);
        }

        return previous[hypothesis.Length];
    }

    /// <summary>Edit distance over the reference length (may exceed 1 when the hypothesis is longer); 0 for two empty strings.</summary>
    public static double CharacterErrorRate(string reference, string hypothesis)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(hypothesis);
        return reference.Length == 0 ? (hypothesis.Length == 0 ? 0 : 1) : (double)Levenshtein(reference, hypothesis) / reference.Length;
    }
}
