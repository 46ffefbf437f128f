namespace PortraitStream.Server.Tests;

/// <summary>Tests that count process-wide live native handles must not run beside tests that create them.</summary>
[CollectionDefinition(nameof(NativeHandleCounting), DisableParallelization = true)]
public sealed class NativeHandleCounting;
