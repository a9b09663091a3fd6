using System.Collections.Concurrent;
using System.Diagnostics;
using Tandem.Voice.Audio;
using Tandem.Voice.Corpus;
using Tandem.Voice.Entities;
using Tandem.Voice.Fallbacks;

namespace Tandem.Voice.Harness;

/// <summary>
/// Runs a corpus through two arms, each under every fallback policy, and grades the captured
/// values: exact match, false accepts, first-attempt capture, turns, CER and latency, per entity
/// kind and audio condition, with paired significance for the differences.
/// </summary>
public sealed class AbHarness
{
    private readonly IRecognitionArm _armA;
    private readonly IRecognitionArm _armB;
    private readonly Func<CorpusSample, CancellationToken, Task<short[]>> _speak;
    private readonly IReadOnlyDictionary<string, Func<ReadOnlyMemory<short>, CancellationToken, ValueTask<string>>> _second;
    private readonly AbHarnessOptions _options;
    private readonly TimeProvider _time;

    /// <param name="armA">The baseline arm.</param>
    /// <param name="armB">The challenger arm.</param>
    /// <param name="speak">Synthesises a caller's re-ask (see <see cref="CorpusGenerator.SpeakAsync"/>).</param>
    /// <param name="secondTranscribers">Per arm name, the second recogniser of the <c>second-asr</c> check; an arm without one skips that check.</param>
    /// <param name="options">Policies, parallelism, bootstrap.</param>
    /// <param name="timeProvider">Stamps the report.</param>
    public AbHarness(
        IRecognitionArm armA,
        IRecognitionArm armB,
        Func<CorpusSample, CancellationToken, Task<short[]>> speak,
        IReadOnlyDictionary<string, Func<ReadOnlyMemory<short>, CancellationToken, ValueTask<string>>>? secondTranscribers = null,
        AbHarnessOptions? options = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(armA);
        ArgumentNullException.ThrowIfNull(armB);
        ArgumentNullException.ThrowIfNull(speak);
        if (armA.Name == armB.Name)
        {
            throw new ArgumentException($"The two arms must differ; both are '{armA.Name}'.", nameof(armB));
        }

        _armA = armA;
        _armB = armB;
        _speak = speak;
        _second = secondTranscribers ?? new Dictionary<string, Func<ReadOnlyMemory<short>, CancellationToken, ValueTask<string>>>();
        _options = options ?? new AbHarnessOptions();
        _time = timeProvider ?? TimeProvider.System;
        if (_options.Policies.Count == 0 || _options.Policies.Select(p => p.Name).Distinct().Count() != _options.Policies.Count)
        {
            throw new ArgumentException("The harness needs at least one policy, with distinct names.", nameof(options));
        }
    }

    /// <summary>Runs every sample of <paramref name="manifest"/>; the report is the caller's to write.</summary>
    public async Task<AbReport> RunAsync(CorpusManifest manifest, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.Samples.Count == 0)
        {
            throw new ArgumentException("The corpus has no samples.", nameof(manifest));
        }

        var started = Stopwatch.GetTimestamp();
        var results = new ConcurrentBag<SampleResult>();
        var done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(manifest.Samples, parallel, async (sample, ct) =>
        {
            var audio = Pcm16.ReadWav(manifest.AudioFile(sample), Pcm16.RealtimeSampleRate);
            foreach (var arm in new[] { _armA, _armB })
            {
                foreach (var result in await RunSampleAsync(sample, audio, arm, ct).ConfigureAwait(false))
                {
                    results.Add(result);
                }
            }

            progress?.Report(Interlocked.Increment(ref done));
        }).ConfigureAwait(false);

        var policyOrder = _options.Policies.Select((p, i) => (p.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var ordered = results.OrderBy(r => r.SampleId, StringComparer.Ordinal).ThenBy(r => r.Arm, StringComparer.Ordinal).ThenBy(r => policyOrder[r.Policy]).ToList();
        return new AbReport
        {
            CreatedAt = _time.GetUtcNow(),
            ArmA = _armA.Name,
            ArmB = _armB.Name,
            Policies = [.. _options.Policies.Select(p => new PolicyDescription(p.Name, p.Checks, [.. p.Ladder.Select(r => r.ToString())]))],
            Samples = manifest.Samples.Count,
            ElapsedSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds,
            Summaries = Summarize(ordered),
            Comparisons = Compare(ordered),
            Results = ordered,
        };
    }

    private async Task<List<SampleResult>> RunSampleAsync(CorpusSample sample, short[] audio, IRecognitionArm arm, CancellationToken cancellationToken)
    {
        var options = _options.EntityOptionsFor(sample);
        var normalizer = new EntityNormalizer(options);
        var cache = new CaptureCache();
        var first = await arm.CaptureAsync(sample.Kind, audio, cancellationToken).ConfigureAwait(false) with { AudioId = sample.Id };
        cache.RememberAudio(sample.Id, audio);
        var firstValue = Grade(normalizer, sample.Kind, first.Value);
        var results = new List<SampleResult>();
        foreach (var policy in _options.Policies)
        {
            var caller = new SimulatedCaller(sample, options, arm, cache, _speak, _second.GetValueOrDefault(arm.Name));
            var outcome = await policy.RunAsync(caller, first, options, cancellationToken).ConfigureAwait(false);
            results.Add(new SampleResult
            {
                SampleId = sample.Id,
                Kind = sample.Kind,
                Condition = sample.Condition,
                Style = sample.Style,
                Arm = arm.Name,
                Policy = policy.Name,
                Truth = sample.CanonicalValue,
                FirstValue = firstValue,
                FirstTranscript = first.Transcript,
                FirstCer = EditDistance.CharacterErrorRate(sample.CanonicalValue, firstValue),
                FirstLatencyMs = first.LatencyMs,
                Accepted = outcome.Accepted,
                FinalValue = outcome.Value is null ? null : Grade(normalizer, sample.Kind, outcome.Value),
                CallerTurns = outcome.CallerTurns,
                ReAsks = outcome.Attempts.Count - 1,
                Trace = outcome.Trace,
            });
        }

        return results;
    }

    /// <summary>
    /// Grading compares canonical forms: a model that wrote "415-555-0123" or "four one five…" for
    /// +14155550123 captured it. The normaliser is the canonicaliser; an empty reading keeps the raw text.
    /// </summary>
    internal static string Grade(EntityNormalizer normalizer, EntityKind kind, string value)
    {
        var normalized = normalizer.Normalize(kind, value).Value;
        return normalized.Length > 0 ? normalized : value.Trim();
    }

    private List<ArmSummary> Summarize(List<SampleResult> results)
    {
        var summaries = new List<ArmSummary>();
        foreach (var arm in new[] { _armA.Name, _armB.Name })
        {
            foreach (var policy in _options.Policies)
            {
                var rows = results.Where(r => r.Arm == arm && r.Policy == policy.Name).ToList();
                summaries.Add(ArmSummary.From(arm, policy.Name, "all", rows));
                foreach (var kind in rows.Select(r => r.Kind).Distinct().Order())
                {
                    summaries.Add(ArmSummary.From(arm, policy.Name, $"kind:{kind}", [.. rows.Where(r => r.Kind == kind)]));
                }

                foreach (var condition in rows.Select(r => r.Condition).Distinct().Order())
                {
                    summaries.Add(ArmSummary.From(arm, policy.Name, $"condition:{condition}", [.. rows.Where(r => r.Condition == condition)]));
                }
            }
        }

        return summaries;
    }

    private List<ArmComparison> Compare(List<SampleResult> results)
    {
        var comparisons = new List<ArmComparison>();

        // Arm B against arm A, per policy: does the challenger capture more values right?
        foreach (var policy in _options.Policies)
        {
            comparisons.Add(Paired(results, "exact_match", (_armA.Name, policy.Name), (_armB.Name, policy.Name), r => r.Correct));
        }

        // Each policy against no fallbacks, per arm: what does it do to false accepts?
        var baseline = _options.Policies[0].Name;
        foreach (var arm in new[] { _armA.Name, _armB.Name })
        {
            foreach (var policy in _options.Policies.Skip(1))
            {
                comparisons.Add(Paired(results, "false_accept", (arm, baseline), (arm, policy.Name), r => r.FalseAccept));
            }
        }

        return comparisons;
    }

    private ArmComparison Paired(List<SampleResult> results, string metric, (string Arm, string Policy) a, (string Arm, string Policy) b, Func<SampleResult, bool> outcome)
    {
        var left = results.Where(r => r.Arm == a.Arm && r.Policy == a.Policy).ToDictionary(r => r.SampleId, StringComparer.Ordinal);
        var right = results.Where(r => r.Arm == b.Arm && r.Policy == b.Policy).ToDictionary(r => r.SampleId, StringComparer.Ordinal);
        var ids = left.Keys.Intersect(right.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var aOutcomes = ids.Select(id => outcome(left[id])).ToList();
        var bOutcomes = ids.Select(id => outcome(right[id])).ToList();
        var onlyA = ids.Count(id => outcome(left[id]) && !outcome(right[id]));
        var onlyB = ids.Count(id => !outcome(left[id]) && outcome(right[id]));
        return new ArmComparison
        {
            Metric = metric,
            A = $"{a.Arm} / {a.Policy}",
            B = $"{b.Arm} / {b.Policy}",
            Samples = ids.Count,
            OnlyA = onlyA,
            OnlyB = onlyB,
            McNemarP = PairedSignificance.McNemarExact(onlyA, onlyB),
            Difference = PairedSignificance.PairedBootstrap(aOutcomes, bOutcomes, _options.BootstrapResamples, seed: _options.Seed),
        };
    }
}
