using System;
using System.Collections.Generic;
using System.Linq;
using Bounded.Tests.Verification;

namespace Bounded.Tests.Robustness
{
    /// <summary>
    /// Turns inputs into variants within a budget. When the inputs need more variants than the
    /// budget allows, a deterministic, seed-ordered subset of inputs is taken (each input's variants
    /// depend only on the seed and its name), and the plan says which inputs were left out.
    /// </summary>
    public static class VariantPlan
    {
        public sealed record Plan(List<Variant> Variants, List<string> Sampled, int InputsAvailable, string Note);

        public static Plan Truncations(IReadOnlyList<RobustnessInput> inputs, int pointsPerInput, int budget, int seed) =>
            Build(inputs, pointsPerInput, budget, seed, "truncation", input =>
                Mutations.Truncations(input.Text, pointsPerInput, Seeds.Derive(seed, input.Name, "truncation"))
                    .Select(m => new Variant(input, "truncation", m.Description, m.Text, ReferenceSet.Full)));

        public static Plan TokenEdits(IReadOnlyList<RobustnessInput> inputs, int variantsPerInput, int budget, int seed) =>
            Build(inputs, variantsPerInput, budget, seed, "token-edits", input =>
                Enumerable.Range(0, variantsPerInput).Select(i =>
                {
                    int variantSeed = Seeds.Derive(seed, input.Name, "token-edits", i);
                    var mutation = Mutations.TokenEdits(input.Text, 1 + (variantSeed % 4), variantSeed);
                    return new Variant(input, "token-edits", mutation.Description, mutation.Text, ReferenceSet.Full);
                }));

        /// <summary>Each input as written against the base class library only, and against only one of ASP.NET Core / EF Core.</summary>
        public static Plan ReducedReferences(IReadOnlyList<RobustnessInput> inputs, int budget, int seed) =>
            Build(inputs, 3, budget, seed, "reduced-references", input => new[] { ReferenceSet.NetCore, ReferenceSet.AspNetCore, ReferenceSet.EntityFrameworkCore }
                .Select(set => new Variant(input, "reduced-references", "as written", input.Text, set)));

        private static Plan Build(IReadOnlyList<RobustnessInput> inputs, int perInput, int budget, int seed, string kind, Func<RobustnessInput, IEnumerable<Variant>> variantsOf)
        {
            int maxInputs = Math.Max(1, budget / Math.Max(1, perInput));
            var chosen = inputs.Count <= maxInputs
                ? inputs.ToList()
                : inputs.OrderBy(i => Seeds.Derive(seed, i.Name, kind, "pick")).ThenBy(i => i.Name, StringComparer.Ordinal).Take(maxInputs)
                    .OrderBy(i => i.Name, StringComparer.Ordinal).ToList();
            string note = chosen.Count == inputs.Count
                ? $"{kind}: all {inputs.Count} inputs, {perInput} variants each"
                : $"{kind}: sampled {chosen.Count} of {inputs.Count} inputs (seed {seed}), {perInput} variants each; raise BOUNDED_ROBUSTNESS_SCALE to cover more";
            return new Plan(chosen.SelectMany(variantsOf).ToList(), chosen.Select(i => i.Name).ToList(), inputs.Count, note);
        }
    }
}
