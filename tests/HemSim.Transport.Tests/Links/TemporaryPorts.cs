namespace HemSim.Transport.Tests.Links;

/// <summary>A fresh folder for the port paths of one test, deleted afterwards.</summary>
internal sealed class TemporaryPorts : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hemsim-link-tests", Guid.NewGuid().ToString("N"));
    private int _count;

    /// <summary>A path in the folder where nothing exists yet, e.g. <c>/tmp/hemsim-link-tests/…/ttyHEM0</c>.</summary>
    public string NewPath() => Path.Combine(_folder, $"ttyHEM{_count++}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
