using Tandem.Voice.Harness;
using Tandem.Voice.Recognition;

namespace Tandem.Cli.Commands;

/// <summary>An arm on the command line: <c>local:sphinx-alnum</c> or <c>openai:gpt-realtime-1.5</c>.</summary>
internal sealed record ArmSpec(string Provider, string Model)
{
    public static readonly Uri OpenAiRealtime = new("wss://api.openai.com/v1/realtime");

    public string Label => $"{Provider}:{Model}";

    public bool IsLocal => Provider == "local";

    public bool IsOpenAi => Provider == "openai";

    public static ArmSpec Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var provider = colon < 0 ? string.Empty : text[..colon].Trim().ToLowerInvariant();
        var model = colon < 0 ? string.Empty : text[(colon + 1)..].Trim();
        if (provider is not ("local" or "openai") || model.Length == 0)
        {
            throw new FormatException($"'{text}' is not an arm: write local:MODEL ({string.Join(", ", RecognizerProfiles.All.Select(p => p.Name))}) or openai:MODEL (e.g. openai:gpt-realtime-1.5).");
        }

        if (provider == "local" && RecognizerProfiles.All.All(p => p.Name != model))
        {
            throw new FormatException($"'{model}' is not a local model: use one of {string.Join(", ", RecognizerProfiles.All.Select(p => p.Name))}.");
        }

        return new ArmSpec(provider, model);
    }

    /// <summary>The arm; a local one talks to <paramref name="localRealtime"/> and transcribes with its own recogniser.</summary>
    public RealtimeArm CreateArm(Uri? localRealtime, string? openAiTranscriptionModel) => IsLocal
        ? new RealtimeArm(Label, new RealtimeArmOptions { BaseUrl = localRealtime!, Model = Model, TranscriptionModel = Model })
        : new RealtimeArm(Label, new RealtimeArmOptions
        {
            BaseUrl = OpenAiRealtime,
            Model = Model,
            ApiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY"),
            TranscriptionModel = openAiTranscriptionModel,
        });
}
