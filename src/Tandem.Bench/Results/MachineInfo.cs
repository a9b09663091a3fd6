namespace Tandem.Bench.Results;

public sealed class MachineInfo
{
    public required string Os { get; set; }

    public required int ProcessorCount { get; set; }

    public required string Runtime { get; set; }

    public static MachineInfo Current() => new()
    {
        Os = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        ProcessorCount = Environment.ProcessorCount,
        Runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
    };
}
