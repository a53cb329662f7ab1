// The verifier surface the tests are written against, source-compatible with the one before
// Microsoft.CodeAnalysis.Testing: DiagnosticResult and TestBehaviors are the library's now, and a test
// that imports only Bounded.Tests.Verification (or nothing) still finds them; the shared test
// infrastructure (RepositoryRoot, BoundedAssemblies, ParsedMarkup) moved out of Verification/; the
// TestState.MainProject / TestState.Project(name) views are extension members, in scope everywhere.
global using Bounded.Tests.Infrastructure;
global using DiagnosticResult = Microsoft.CodeAnalysis.Testing.DiagnosticResult;
global using TestBehaviors = Microsoft.CodeAnalysis.Testing.TestBehaviors;
global using Bounded.Tests.Verification;
