namespace Tandem.Responses.Transport;

/// <summary>How a wait for data began (<see cref="AdaptiveSpin"/>).</summary>
internal enum SpinOutcome
{
    /// <summary>It slept at once, without spinning.</summary>
    NotSpun,

    /// <summary>It spun, and the data came meanwhile.</summary>
    Caught,

    /// <summary>It spun to the limit, then slept.</summary>
    Missed,
}
