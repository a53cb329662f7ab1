using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Bounded.CodeFixes.Api
{
    /// <summary>
    /// Fix All for the DTO-generating fixes: hands every diagnostic in scope to one batch fix, so each DTO
    /// is generated once however many sites need it (the batch fixer would add the same document many times).
    /// </summary>
    internal sealed class ApiFixAllProvider : FixAllProvider
    {
        private readonly Func<Solution, ImmutableArray<Diagnostic>, CancellationToken, Task<Solution?>> _fix;

        public ApiFixAllProvider(Func<Solution, ImmutableArray<Diagnostic>, CancellationToken, Task<Solution?>> fix) => _fix = fix;

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
            switch (fixAllContext.Scope)
            {
                case FixAllScope.Document when fixAllContext.Document != null:
                    diagnostics.AddRange(await fixAllContext.GetDocumentDiagnosticsAsync(fixAllContext.Document).ConfigureAwait(false));
                    break;
                case FixAllScope.Project:
                    diagnostics.AddRange(await fixAllContext.GetAllDiagnosticsAsync(fixAllContext.Project).ConfigureAwait(false));
                    break;
                case FixAllScope.Solution:
                    foreach (var project in fixAllContext.Solution.Projects)
                    {
                        diagnostics.AddRange(await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                    }

                    break;
                default:
                    return null;
            }

            var all = diagnostics.ToImmutable();
            var solution = fixAllContext.Solution;
            return CodeAction.Create(
                fixAllContext.CodeActionEquivalenceKey ?? "Fix all",
                async ct => await _fix(solution, all, ct).ConfigureAwait(false) ?? solution,
                fixAllContext.CodeActionEquivalenceKey);
        }
    }
}
