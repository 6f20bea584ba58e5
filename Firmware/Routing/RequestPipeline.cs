using HemSim.Firmware.Audit;
using HemSim.Firmware.Auth;
using HemSim.Firmware.Device;
using HemSim.Firmware.Entropy;
using HemSim.Firmware.Json;
using HemSim.Firmware.SelfTest;
using HemSim.Firmware.Status;

namespace HemSim.Firmware.Routing;

/// <summary>
/// Runs one request through the checks of spec §3.3, in this order:
///  1. CORS: an <c>Origin</c> outside the allow-list → 412; <c>OPTIONS</c> on any path → 204.
///  2. Token pre-check: a present <c>Authorization</c> that is malformed, badly signed or expired → 401,
///     on every endpoint, before routing.
///  3. Routing: unknown path or method, or a path of another build → 404.
///  4. State: fault latched, or not initialised where required → 409.
///  5. Transport: plain HTTP on an HTTPS-only endpoint → 418 (409 on the two QUIRK endpoints).
///  6. Token needed but absent → 401.
///  7. Scope or role refused → 403, audited as FAILED_SCOPE_CHECK.
///  8. Body: not JSON, or not a JSON object → 400 (403 for a role the handler refuses unless the body says
///     otherwise, <see cref="Access.RolesDecidedByBody"/>). Crypto endpoints (<see cref="Access.KeyUseFromBody"/>) then
///     need a string <c>kid</c> (else 400) that the token's scope names exactly (else 403, FAILED_SCOPE_CHECK).
///  9. Handler (400 for invalid fields, 406 for semantic failures), then the outcome audit line.
/// Body framing (411/413) is the bridge's job: it never reaches the device.
/// </summary>
internal static class RequestPipeline
{
    public static ApiResponse Process(DeviceCore device, ApiRequest request)
    {
        var path = request.Path.TrimEnd(' ');
        device.Router.TryMatch(request.Method, path, out var route, out var parameters);
        var context = new RequestContext(device, request, parameters);
        var throttled = route is not null && route.Flags.HasFlag(EndpointFlags.Throttled);
        var delay = throttled ? device.Boot.Throttle.DelayFor(context.Monotonic) : TimeSpan.Zero;

        Reply reply;
        try
        {
            reply = Run(device, context, route);
        }
        catch (EntropyFailureException)
        {
            // STYLE.md §7: a fault the device must latch is caught once, here.
            device.LatchFault(FaultBits.Entropy);
            reply = Reply.Of(ApiStatus.WrongState);
        }
#pragma warning disable CA1031 // The pipeline boundary: a handler defect answers 500, as the firmware would, and still gets throttled.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            device.RecordDefect(request, ex);
            reply = Reply.Of(ApiStatus.InternalError);
        }
        finally
        {
            context.DisposeBody();
        }

        if (throttled)
        {
            device.Boot.Throttle.Record(reply.Status == ApiStatus.Ok, context.Monotonic);
        }
        var origin = request.Origin is not null && reply.Status != ApiStatus.OriginRejected ? request.Origin : null;
        return new ApiResponse((int)reply.Status, reply.Body)
        {
            ContentType = reply.ContentType,
            Flags = reply.Flags | ResponseFlags.CloseConnection,
            DeliverNotBefore = delay,
            AllowedOrigin = origin,
        };
    }

    private static Reply Run(DeviceCore device, RequestContext context, EndpointDescriptor? route)
    {
        var request = context.Request;

        // 1. CORS.
        if (request.Origin is not null && !CorsPolicy.IsAllowed(device.Config?.Origin ?? "*", request.Origin))
        {
            return Reply.Of(ApiStatus.OriginRejected);
        }
        if (request.Method == "OPTIONS")
        {
            return Reply.Of(ApiStatus.NoContent);
        }

        // 2. Token pre-check.
        if (request.Authorization is not null)
        {
            if (!device.Boot.Tokens.TryValidate(request.Authorization, device.Boot.TokenKey, context.Now, out var claims))
            {
                return Reply.Of(ApiStatus.Unauthorized);
            }
            context.Token = claims;
        }

        // 3. Routing.
        if (route is null || !device.HasBuildFor(route.Flags))
        {
            return Reply.Of(ApiStatus.NotFound);
        }

        // 4–5. State, then transport (the QUIRK endpoints fold plain HTTP into the state check).
        var plainHttp = !request.IsTls && route.Flags.HasFlag(EndpointFlags.HttpsOnly);
        if ((device.Boot.FaultState != 0 && !route.Flags.HasFlag(EndpointFlags.AllowedWhileFaulted))
            || (!device.IsInitialised && route.Flags.HasFlag(EndpointFlags.RequiresInitialised))
            || (plainHttp && route.Flags.HasFlag(EndpointFlags.PlainHttpIsWrongState) && !device.Options.StrictTls))
        {
            return Reply.Of(ApiStatus.WrongState);
        }
        if (plainHttp)
        {
            return Reply.Of(ApiStatus.TlsRequired);
        }

        // 6–7. Token presence, then scope and role.
        var access = route.Access;
        var tokenNeeded = access.Token == TokenRule.Required
            || (access.Token == TokenRule.RequiredUnlessFresh && device.IsInitialised);
        if (tokenNeeded)
        {
            if (context.Token is null)
            {
                return Reply.Of(ApiStatus.Unauthorized);
            }
            if (!ScopeCheck.IsAllowed(access, context.Token, context.PathParameters))
            {
                return ScopeCheck.Refuse(context, context.Token);
            }
        }

        // 8–9. Body, handler, outcome audit.
        var reply = ParseBody(context, route) ?? CheckKeyUse(context, route) ?? route.Handler(context);
        AuditOutcome(context, route, reply.Status);
        return reply;
    }

    private static Reply? ParseBody(RequestContext context, EndpointDescriptor route)
    {
        if (!route.Flags.HasFlag(EndpointFlags.JsonBody))
        {
            return null;
        }
        // §22 #31: JSON endpoints need Content-Type application/json (parameters allowed); else 400.
        var contentType = context.Request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(contentType, "application/json", StringComparison.OrdinalIgnoreCase)
            || !JsonBody.TryParse(context.Request.Body, out var body))
        {
            return context.Token is { } token && (route.Access.RolesDecidedByBody & token.Role) != Role.None
                ? ScopeCheck.Refuse(context, token)
                : Reply.Of(ApiStatus.Malformed);
        }
        context.Body = body!;
        return null;
    }

    /// <summary>
    /// Step 8b: the exact <c>keymgmt:use:&lt;kid&gt;</c> scope of the crypto endpoints, against the body's kid string
    /// as sent (§3.9: an exact compare, so a token for the lowercase kid does not cover an uppercase one).
    /// </summary>
    private static Reply? CheckKeyUse(RequestContext context, EndpointDescriptor route)
    {
        if (!route.Access.KeyUseFromBody)
        {
            return null;
        }
        if (!context.Body.TryGetString("kid", out var kid))
        {
            return Reply.Of(ApiStatus.Malformed);
        }
        return Scope.MatchesKeyUse(context.Token!.Scope, kid) ? null : ScopeCheck.Refuse(context, context.Token!);
    }

    private static void AuditOutcome(RequestContext context, EndpointDescriptor route, ApiStatus status)
    {
        if (route.OutcomeEvent is not { } type)
        {
            return;
        }
        AuditResult? result = status switch
        {
            ApiStatus.Ok => AuditResult.Ok,
            ApiStatus.Malformed => AuditResult.Error,
            ApiStatus.OperationFailed => route.FailedResult,
            // QUIRK (spec §13.13): a failed ML-DSA verification leaks status 795; it is still a failed operation.
            ApiStatus.MlDsaVerifyFailed => AuditResult.Failed,
            _ => null,
        };
        if (result is { } r)
        {
            context.Audit(type, r, context.AuditData);
        }
    }
}
