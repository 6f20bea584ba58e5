namespace HemSim.Authenticator.Tests;

/// <summary>
/// A fresh folder under the system temp path, deleted on dispose. (The TestKit's TempFolder is internal to the
/// projects it names; this project needs only this much of it.)
/// </summary>
internal sealed class TestFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("hemsim-authenticator-tests-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a failed test; the OS cleans its temp folder eventually.
        }
    }
}
