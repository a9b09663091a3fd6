using Tandem.Agents.Tools;

namespace Tandem.Cli.Commands;

/// <summary>The built-in tools of <c>tandem run</c>: enough to drive the shipped scenarios and a real model.</summary>
internal static class DemoTools
{
    public static ToolRegistry Create() => new ToolRegistry()
        .Add(FunctionTool.Create(async (string city, CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(40), ct).ConfigureAwait(false); // a realistic lookup latency
            return $"{city}: sunny, 21 °C";
        }, "get_weather", "Current weather for a city."))
        .Add(FunctionTool.Create(async (string city, CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), ct).ConfigureAwait(false);
            return "14:05";
        }, "get_time", "Local time in a city."));
}
