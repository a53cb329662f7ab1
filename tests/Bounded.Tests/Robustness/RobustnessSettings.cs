using System;
using System.Globalization;

namespace Bounded.Tests.Robustness
{
    /// <summary>
    /// The suite's knobs, read from the environment so a failure reproduces from the command line:
    /// <c>BOUNDED_ROBUSTNESS_SEED</c> (a number, or <c>random</c>; default <see cref="DefaultSeed"/>),
    /// <c>BOUNDED_ROBUSTNESS_SCALE</c> (multiplies every budget; default 1) and
    /// <c>BOUNDED_ROBUSTNESS_INPUT</c> (only inputs whose name contains this text).
    /// </summary>
    public sealed record RobustnessSettings(int Seed, double Scale, string? InputFilter, TimeSpan TimeBound)
    {
        public const int DefaultSeed = 20261121;

        public static RobustnessSettings FromEnvironment()
        {
            var seedText = Environment.GetEnvironmentVariable("BOUNDED_ROBUSTNESS_SEED");
            int seed = string.IsNullOrWhiteSpace(seedText)
                ? DefaultSeed
                : seedText.Trim().Equals("random", StringComparison.OrdinalIgnoreCase)
                    ? Environment.TickCount & 0x7FFFFFFF
                    : int.Parse(seedText.Trim(), CultureInfo.InvariantCulture);
            var scaleText = Environment.GetEnvironmentVariable("BOUNDED_ROBUSTNESS_SCALE");
            double scale = string.IsNullOrWhiteSpace(scaleText) ? 1.0 : double.Parse(scaleText.Trim(), CultureInfo.InvariantCulture);
            var filter = Environment.GetEnvironmentVariable("BOUNDED_ROBUSTNESS_INPUT");
            return new RobustnessSettings(seed, scale, string.IsNullOrWhiteSpace(filter) ? null : filter.Trim(), TimeSpan.FromSeconds(5));
        }

        public int Budget(int atScaleOne) => Math.Max(1, (int)Math.Round(atScaleOne * Scale));

        public bool Includes(RobustnessInput input) =>
            InputFilter == null || input.Name.Contains(InputFilter, StringComparison.OrdinalIgnoreCase);

        /// <summary>The command line that reruns the suite with these settings (and, given, one input).</summary>
        public string ReproduceCommand(string? input = null) =>
            $"BOUNDED_ROBUSTNESS_SEED={Seed}"
            + (Scale != 1.0 ? $" BOUNDED_ROBUSTNESS_SCALE={Scale.ToString(CultureInfo.InvariantCulture)}" : string.Empty)
            + ((input ?? InputFilter) is { } name ? $" BOUNDED_ROBUSTNESS_INPUT='{name}'" : string.Empty)
            + " dotnet test tests/Bounded.Tests --filter \"FullyQualifiedName~Bounded.Tests.Robustness\"";
    }
}
