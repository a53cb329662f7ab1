using System.Threading.Tasks;
using Bounded.Analyzers.Configuration;
using Bounded.Tests.Verification;
using Xunit;
using Verify = Bounded.Tests.Verification.CSharpAnalyzerVerifier<Bounded.Analyzers.Domains.DomainReferenceAnalyzer>;

namespace Bounded.Tests.Domains
{
    /// <summary>
    /// <c>bounded.shared_domain_names</c>: a <c>{domain}</c> segment named Common, Shared, SharedKernel or
    /// BuildingBlocks is a shared kernel (usable from every domain), not a domain. Inside a kernel, its
    /// layers are the segments below its root and keep their order (BND1002, BND1003).
    /// </summary>
    public class SharedKernelTests
    {
        private const string FitnetPatterns = "bounded.domain_patterns = EvolutionaryArchitecture.Fitnet.{domain}";

        private const string FitnetCommon = @"
namespace EvolutionaryArchitecture.Fitnet.Common.Events
{
    public interface IIntegrationEvent { }
}

namespace EvolutionaryArchitecture.Fitnet.Common.Infrastructure.Mediator
{
    public class MediatorModule { public static void Register() { } }
}

namespace EvolutionaryArchitecture.Fitnet.Common.Core.BusinessRules
{
    public interface IBusinessRule { bool IsMet(); }
}
";

        private static Task Run(string source, string? editorConfig, params DiagnosticResult[] expected)
        {
            var test = new Verify.Test { TestCode = source, EditorConfig = editorConfig };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        [Fact]
        public Task CommonNamedAsADomain_IsShared() => Run(FitnetCommon + @"
namespace EvolutionaryArchitecture.Fitnet.Contracts.Core
{
    using EvolutionaryArchitecture.Fitnet.Common.Core.BusinessRules;
    using EvolutionaryArchitecture.Fitnet.Common.Events;

    public sealed record ContractSigned(int Id) : IIntegrationEvent;

    internal sealed class SignatureRule : IBusinessRule
    {
        public bool IsMet() { EvolutionaryArchitecture.Fitnet.Common.Infrastructure.Mediator.MediatorModule.Register(); return true; }
    }
}", FitnetPatterns);

        [Theory]
        [InlineData("Common")]
        [InlineData("Shared")]
        [InlineData("SharedKernel")]
        [InlineData("BuildingBlocks")]
        public Task DefaultSharedNames_UnderModules(string name) => Run($@"
namespace Shop.Modules.{name}.Domain
{{
    public abstract class Entity {{ }}
}}

namespace Shop.Modules.Ordering.Domain
{{
    public class Order : Shop.Modules.{name}.Domain.Entity {{ }}
}}", null);

        [Fact]
        public Task SharedKernel_UsingDomainsCode_NotReported() => Run(@"
namespace Shop.Modules.Ordering.Domain
{
    public class Order { }
}

namespace Shop.Modules.Common.Infrastructure
{
    public class Outbox { public Shop.Modules.Ordering.Domain.Order? Last { get; set; } }
}", null);

        [Fact]
        public Task SharedDomainNamesOption_ReplacesTheDefaults() => Run(FitnetCommon + @"
namespace EvolutionaryArchitecture.Fitnet.Kernel.Time
{
    public interface IClock { }
}

namespace EvolutionaryArchitecture.Fitnet.Passes.Core
{
    public class Pass
    {
        public EvolutionaryArchitecture.Fitnet.Kernel.Time.IClock? Clock { get; set; }
        public {|BND1001:EvolutionaryArchitecture.Fitnet.Common.Events.IIntegrationEvent|}? Event { get; set; }
    }
}", FitnetPatterns + "\nbounded.shared_domain_names = Kernel");

        [Fact]
        public Task SharedDomainNamesEmpty_CommonIsADomain() => Run(FitnetCommon + @"
namespace EvolutionaryArchitecture.Fitnet.Passes.Core
{
    public class Pass : {|BND1001:EvolutionaryArchitecture.Fitnet.Common.Events.IIntegrationEvent|} { }
}", FitnetPatterns + "\nbounded.shared_domain_names =");

        [Fact]
        public Task SharedKernelDomainLayer_ReachingItsInfrastructure_IsBnd1002() => Run(@"
namespace Shop.Modules.SharedKernel.Infrastructure
{
    public class Clock { }
}

namespace Shop.Modules.SharedKernel.Domain
{
    public class Entity { public {|BND1002:Shop.Modules.SharedKernel.Infrastructure.Clock|}? Clock { get; set; } }
}", null);

        [Fact]
        public Task SharedKernelDomainLayer_NamingEfCore_IsBnd1003() => Run(@"
namespace EvolutionaryArchitecture.Fitnet.Common.Domain
{
    public class Entity
    {
        public void Save({|BND1003:Microsoft.EntityFrameworkCore.DbContext|} db) { }
    }
}", FitnetPatterns);

        [Fact]
        public Task SharedNamespacesPrefix_HasLayersBelowIt() => Run(@"
namespace Acme.Kernel.Infrastructure
{
    public class Clock { }
}

namespace Acme.Kernel.Domain
{
    public class Entity { public {|BND1002:Acme.Kernel.Infrastructure.Clock|}? Clock { get; set; } }
}", "bounded.shared_namespaces = Acme.Kernel");

        [Fact]
        public Task TwoSharedKernels_LayersAreNotComparedAcrossThem() => Run(@"
namespace Shop.Modules.Common.Infrastructure
{
    public class Clock { }
}

namespace Shop.Modules.Shared.Domain
{
    public class Entity { public Shop.Modules.Common.Infrastructure.Clock? Clock { get; set; } }
}", null);

        [Fact]
        public Task DomainLayer_UsingTheKernelsInfrastructure_NotReported() => Run(@"
namespace Shop.Modules.BuildingBlocks.Infrastructure
{
    public abstract class Repository { }
}

namespace Shop.Modules.Ordering.Domain
{
    public class OrderRepository : Shop.Modules.BuildingBlocks.Infrastructure.Repository { }
}", null);

        [Fact]
        public Task MalformedSharedDomainNames_ReportsBnd0001_AndDefaultsKeepWorking()
        {
            var test = new Verify.Test
            {
                TestCode = FitnetCommon + @"
namespace EvolutionaryArchitecture.Fitnet.Passes.Core
{
    public class Pass : EvolutionaryArchitecture.Fitnet.Common.Events.IIntegrationEvent { }
}",
                EditorConfig = FitnetPatterns + "\nbounded.shared_domain_names = Common, Shared.Kernel",
            };
            test.Analyzers.Add(new InvalidOptionAnalyzer());
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("BND0001").WithNoLocation());
            return test.RunAsync();
        }
    }
}
