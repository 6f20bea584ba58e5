using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;

namespace HemSim.HostBridge.Http;

/// <summary>
/// <c>--static DIR</c> (issue #7): files of a user-supplied folder, e.g. a dashboard build, for <c>GET</c> and
/// <c>HEAD</c> on paths outside <c>/api</c>. ASP.NET Core's static-file middleware does the work.
/// </summary>
/// <remarks>
/// <para><c>/</c> and a folder path ending in <c>/</c> serve the folder's <c>index.html</c>; a folder path without the
/// slash is redirected to it (301, empty body). There is no directory listing. Only files with a known
/// <c>Content-Type</c> are served; dot-files and hidden files are not (<see cref="ExclusionFilters.Sensitive"/>).
/// The file provider refuses any path that leaves the folder (<c>..</c>, also percent-encoded).</para>
/// <para>Everything else, <c>/api</c> and <c>/api/…</c> always, a path with no file, and other methods, goes on
/// to the device as without the option (the device answers 404 for paths it does not know). Files are framed like
/// the bridge's other answers: <c>Content-Length</c> always, never chunked, and <c>Connection: close</c> from
/// <see cref="ConnectionClose"/>.</para>
/// </remarks>
internal static class StaticFolder
{
    private static readonly PathString s_api = new("/api");

    /// <summary>Adds the folder to <paramref name="app"/>'s pipeline; requests it cannot serve carry on.</summary>
    public static void Use(IApplicationBuilder app, string folder)
    {
        var files = new PhysicalFileProvider(Path.GetFullPath(folder), ExclusionFilters.Sensitive);
        app.UseWhen(IsForFolder, branch =>
        {
            branch.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, DefaultFileNames = ["index.html"] });
            branch.UseStaticFiles(new StaticFileOptions { FileProvider = files, ServeUnknownFileTypes = false });
        });
    }

    /// <summary>
    /// GET or HEAD on a path that is not <c>/api</c> or below it. The comparison is ordinal, like the
    /// device's routing: <c>/API/x</c> is not an API path.
    /// </summary>
    internal static bool IsForFolder(HttpContext context)
    {
        HttpRequest request = context.Request;
        return (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Path.StartsWithSegments(s_api, StringComparison.Ordinal);
    }
}
