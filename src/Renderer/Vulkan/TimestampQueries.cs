using Silk.NET.Vulkan;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// A two-entry timestamp query pool that brackets a frame's work: GPU milliseconds = (end − start) ×
/// timestampPeriod ns (Vulkan spec, "Timestamp Queries"). Absent (NaN) on queues with timestampValidBits = 0.
/// </summary>
internal sealed unsafe class TimestampQueries : IDisposable
{
    private readonly VulkanDevice _device;
    private QueryPool _pool;

    public TimestampQueries(VulkanDevice device)
    {
        _device = device;
        if (!device.Info.Timestamps)
        {
            return;
        }
        var info = new QueryPoolCreateInfo { SType = StructureType.QueryPoolCreateInfo, QueryType = QueryType.Timestamp, QueryCount = 2 };
        QueryPool pool;
        device.Api.CreateQueryPool(device.Handle, &info, null, &pool).Check("vkCreateQueryPool");
        _pool = pool;
        device.Created();
    }

    /// <summary>Records the reset and the start stamp; queries must be reset before reuse (Vulkan spec, "Query Operation").</summary>
    public void Start(CommandContext commands)
    {
        if (_pool.Handle != 0)
        {
            commands.Api.CmdResetQueryPool(commands.Buffer, _pool, 0, 2);
            commands.Api.CmdWriteTimestamp(commands.Buffer, PipelineStageFlags.TopOfPipeBit, _pool, 0);
        }
    }

    /// <summary>Records the end stamp once every earlier command has completed (BOTTOM_OF_PIPE).</summary>
    public void End(CommandContext commands)
    {
        if (_pool.Handle != 0)
        {
            commands.Api.CmdWriteTimestamp(commands.Buffer, PipelineStageFlags.BottomOfPipeBit, _pool, 1);
        }
    }

    /// <summary>The last frame's GPU time; call after its fence signalled.</summary>
    public double Milliseconds()
    {
        if (_pool.Handle == 0)
        {
            return double.NaN;
        }
        var stamps = stackalloc ulong[2];
        _device.Api.GetQueryPoolResults(_device.Handle, _pool, 0, 2, 16, stamps, 8, QueryResultFlags.Result64Bit | QueryResultFlags.ResultWaitBit)
            .Check("vkGetQueryPoolResults");
        // Only the low timestampValidBits bits count ("Timestamp Queries"); the masked difference survives one wrap-around.
        int bits = (int)_device.Info.TimestampValidBits;
        ulong mask = bits >= 64 ? ulong.MaxValue : (1ul << bits) - 1;
        return ((stamps[1] - stamps[0]) & mask) * (double)_device.Info.TimestampPeriodNs * 1e-6;
    }

    public void Dispose()
    {
        if (_pool.Handle != 0)
        {
            _device.Api.DestroyQueryPool(_device.Handle, _pool, null);
            _pool = default;
            _device.Destroyed();
        }
    }
}
