using System.Runtime.InteropServices;

namespace PortraitStream.Inference.Onnx;

/// <summary>
/// Asks the NVIDIA driver API (libcuda.so.1, installed with the driver, not with CUDA) how many CUDA devices exist,
/// without initialising ONNX Runtime's CUDA provider, which would fail loudly on a machine without one.
/// </summary>
internal static unsafe class CudaProbe
{
    private const string DriverLibrary = "libcuda.so.1";

    /// <summary>The number of CUDA devices, or null and a reason when the driver is absent or reports an error.</summary>
    public static (int Devices, string? Problem) CountDevices()
    {
        if (!NativeLibrary.TryLoad(DriverLibrary, out var driver))
        {
            return (0, $"no NVIDIA driver ({DriverLibrary} not found)");
        }
        try
        {
            if (!NativeLibrary.TryGetExport(driver, "cuInit", out var initAddress)
                || !NativeLibrary.TryGetExport(driver, "cuDeviceGetCount", out var countAddress))
            {
                return (0, $"{DriverLibrary} lacks cuInit/cuDeviceGetCount");
            }
            // CUresult cuInit(unsigned int flags); CUresult cuDeviceGetCount(int* count) — CUDA driver API.
            var init = (delegate* unmanaged<uint, int>)initAddress;
            var getCount = (delegate* unmanaged<int*, int>)countAddress;
            var status = init(0);
            if (status != 0)
            {
                return (0, $"cuInit failed with CUresult {status}");
            }
            int count;
            status = getCount(&count);
            return status != 0 ? (0, $"cuDeviceGetCount failed with CUresult {status}") : (count, count == 0 ? "no CUDA device" : null);
        }
        finally
        {
            NativeLibrary.Free(driver);
        }
    }
}
