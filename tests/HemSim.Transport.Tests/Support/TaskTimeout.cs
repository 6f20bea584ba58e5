namespace HemSim.Transport.Tests.Support;

/// <summary>A failing test must fail, not hang the run.</summary>
internal static class TaskTimeout
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Default);

    public static Task Within(this Task task) => task.WaitAsync(Default);
}
