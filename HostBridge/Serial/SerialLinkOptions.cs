namespace HemSim.HostBridge.Serial;

/// <summary>The device on a serial port: <c>--serial PATH [--baud N]</c>.</summary>
/// <param name="Path">The port, e.g. <c>/dev/ttyUSB0</c> or the path the device launcher published.</param>
/// <param name="BaudRate">
/// Line rate; null for the default (<see cref="Transport.Links.SerialPortLink.DefaultBaudRate"/>) with no software
/// pacing. Given, a pseudo-terminal is paced to it (<see cref="Transport.Links.ThrottledLink"/>); real hardware
/// paces itself.
/// </param>
internal sealed record SerialLinkOptions(string Path, int? BaudRate);
