using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Bounded.Tests.Packaging
{
    /// <summary>The outcome of one dotnet command: its command line, exit code, duration and everything it printed.</summary>
    public sealed record CliResult(string CommandLine, int ExitCode, TimeSpan Duration, string Output)
    {
        public override string ToString() =>
            $"{CommandLine} (exit code {ExitCode}, {Duration.TotalSeconds:F1} s){Environment.NewLine}{Output}";
    }

    /// <summary>Runs the dotnet that runs the tests as a child process, with a timeout, capturing its output.</summary>
    public static class DotnetCli
    {
        /// <summary>The dotnet that runs the tests (the SDK sets DOTNET_HOST_PATH for its child processes), else the one on PATH.</summary>
        public static string Executable =>
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

        public static async Task<CliResult> RunAsync(string workingDirectory, IReadOnlyList<string> arguments, TimeSpan timeout)
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            // Let the nested dotnet find its own MSBuild rather than one an IDE or test host pointed at.
            foreach (var variable in new[] { "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
            {
                start.Environment.Remove(variable);
            }

            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";

            string commandLine = "dotnet " + string.Join(" ", arguments);
            var output = new StringBuilder();
            var stopwatch = Stopwatch.StartNew();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            using var cancellation = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                Append($"*** did not finish within {timeout.TotalSeconds:F0} s and was killed.");
                return new CliResult(commandLine, -1, stopwatch.Elapsed, Snapshot());
            }

            return new CliResult(commandLine, process.ExitCode, stopwatch.Elapsed, Snapshot());

            void Append(string? line)
            {
                if (line is not null)
                {
                    lock (output)
                    {
                        output.AppendLine(line);
                    }
                }
            }

            string Snapshot()
            {
                lock (output)
                {
                    return output.ToString();
                }
            }
        }
    }
}
