using System.Collections.Concurrent;
using System.Text;
using HemSim.Firmware.Device;

namespace HemSim.Transport.Tests.Support;

/// <summary>A device handler that answers with the request's path and body, counting how often each path ran.</summary>
internal sealed class ExecutionCounter
{
    private readonly ConcurrentDictionary<string, int> _runs = new();

    public int this[string path] => _runs.GetValueOrDefault(path);

    public int Total => _runs.Values.Sum();

    public IReadOnlyDictionary<string, int> Runs => _runs;

    public Task<ApiResponse> Handle(ApiRequest request, CancellationToken cancellationToken)
    {
        _runs.AddOrUpdate(request.Path, 1, (_, runs) => runs + 1);
        return Task.FromResult(new ApiResponse(200, [.. Encoding.UTF8.GetBytes(request.Path + ":"), .. request.Body]));
    }

    public static string Text(ApiResponse response) => Encoding.UTF8.GetString(response.Body);
}
