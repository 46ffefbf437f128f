namespace PortraitStream.Server.Tests;

/// <summary>
/// Tests that time deliveries on the thread pool must not run beside tests that start servers, browsers and native
/// libraries: on two cores those hold the pool's few threads for a second at a time at the suite's start, and the
/// pool's slow thread injection then shows up as a one-second gap the code under test did not cause. Likewise tests
/// that time sound against picture end to end: a browser's lip sync follows its own load.
/// </summary>
[CollectionDefinition(nameof(DeliveryTiming), DisableParallelization = true)]
public sealed class DeliveryTiming;
