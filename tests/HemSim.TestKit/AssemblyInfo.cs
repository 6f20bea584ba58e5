using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("HemSim.Firmware.Tests")]
[assembly: InternalsVisibleTo("HemSim.HostBridge.Tests")]
[assembly: InternalsVisibleTo("HemSim.Transport.Tests")]
[assembly: InternalsVisibleTo("HemSim.Device.Tests")]
[assembly: InternalsVisibleTo("HemSim.Backend.Tests")]
[assembly: InternalsVisibleTo("HemSim.Cli.Tests")]
