using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Bounded.CodeFixes.Api
{
    /// <summary>
    /// The registration both DTO-generating fixes share: plan per diagnostic (which tells whether the
    /// fix applies and names the DTO), offer the action, and make the edit only when the action runs.
    /// The IDE lists fixes on every lightbulb query, so listing must not build the new solution.
    /// </summary>
    internal sealed class DtoFix
    {
        private readonly string _equivalenceKey;
        private readonly string _entityKey;
        private readonly Func<string, string> _title;
        private readonly Func<DtoPlanner, INamedTypeSymbol, DtoRef?> _dtoFor;
        private readonly DtoFixEngine.SiteHandler _fixSite;

        public DtoFix(string equivalenceKey, string entityKey, Func<string, string> title, Func<DtoPlanner, INamedTypeSymbol, DtoRef?> dtoFor, DtoFixEngine.SiteHandler fixSite)
        {
            _equivalenceKey = equivalenceKey;
            _entityKey = entityKey;
            _title = title;
            _dtoFor = dtoFor;
            _fixSite = fixSite;
        }

        public FixAllProvider FixAllProvider => new ApiFixAllProvider(FixAsync);

        public async Task RegisterAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var plan = await PlanAsync(context.Document.Project.Solution, ImmutableArray.Create(diagnostic), context.CancellationToken).ConfigureAwait(false);
                if (plan != null)
                {
                    context.RegisterCodeFix(CodeAction.Create(_title(plan.DtoName), plan.ApplyAsync, _equivalenceKey), diagnostic);
                }
            }
        }

        private Task<DtoFixPlan?> PlanAsync(Solution solution, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken) =>
            DtoFixEngine.PlanAsync(solution, diagnostics, _entityKey, _dtoFor, _fixSite, cancellationToken);

        private async Task<Solution?> FixAsync(Solution solution, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var plan = await PlanAsync(solution, diagnostics, cancellationToken).ConfigureAwait(false);
            return plan == null ? null : await plan.ApplyAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
