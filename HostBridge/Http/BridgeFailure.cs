using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HemSim.HostBridge.Http;

/// <summary>
/// The pipeline boundary: an unexpected failure inside the bridge becomes a 500 with an empty JSON
/// body when nothing has been sent yet, otherwise the connection is dropped. Only the exception
/// type and message are logged, never a body or a header.
/// </summary>
internal sealed class BridgeFailure(RequestDelegate next, ILogger<BridgeFailure> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
        catch (Exception exception)
        {
            logger.LogError("Bridge failure on {Method} {Path}: {Type}: {Message}",
                context.Request.Method, context.Request.Path.Value, exception.GetType().Name, exception.Message);
            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }

            context.Response.Clear();
            await FramedResponse.WriteEmptyAsync(context, BridgeStatus.BridgeFailure);
        }
    }
}
