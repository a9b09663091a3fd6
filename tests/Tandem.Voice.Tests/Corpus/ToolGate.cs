using Tandem.Voice.Corpus;

namespace Tandem.Voice.Tests.Corpus;

/// <summary>Skips a test, with the probe's reason, when a speech tool it needs is not installed.</summary>
internal static class ToolGate
{
    public static async Task<SpeechTools> RequireAsync(params SpeechTool[] tools)
    {
        var probe = await SpeechTools.ProbeAsync(TestContext.Current.CancellationToken);
        if (probe.MissingReason(tools) is { } reason)
        {
            Assert.Skip(reason);
        }

        return probe;
    }

    /// <summary>Runs sox with <paramref name="arguments"/>, failing the test with its stderr on a non-zero exit.</summary>
    public static async Task SoxAsync(SpeechTools tools, params string[] arguments) =>
        await ToolProcess.RunCheckedAsync(tools[SpeechTool.Sox].Path!, arguments, null, TestContext.Current.CancellationToken);
}
