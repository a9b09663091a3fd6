namespace Tandem.Security.Tests.Sandbox;

/// <summary>Tests that change this process's environment variables: run after the parallel ones, one at a time.</summary>
[CollectionDefinition(nameof(ProcessEnvironmentCollection), DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection;
