//===--- Analysis.cpp - async-lint driver ---------------------------------===//

#include "Analysis.h"
#include "CompileCommands.h"
#include "Configuration.h"
#include "Findings.h"
#include "Summaries.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "utils/BlockingCallGraph.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"
#include <set>

using namespace clang;
using namespace clang::tidy;
using namespace llvm;

namespace asynclint {

bool readResults(StringRef Text, std::vector<ClangTidyError> &Errors) {
  tooling::TranslationUnitDiagnostics TU;
  yaml::Input In(Text);
  In >> TU;
  if (In.error())
    return false;
  for (tooling::Diagnostic &D : TU.Diagnostics) {
    ClangTidyError E(D.DiagnosticName, D.DiagLevel, D.BuildDirectory,
                     /*IsWarningAsError=*/false);
    static_cast<tooling::Diagnostic &>(E) = std::move(D);
    Errors.push_back(std::move(E));
  }
  return true;
}

namespace {

/// only the declarations of the project (the main file and the headers that
/// are not system headers). System headers are most of a coroutine-heavy
/// TU's AST (Asio, the standard library), findings there are not reported,
/// and walking them costs a third of the parse.
class ProjectScopeConsumer : public MultiplexConsumer {
public:
  explicit ProjectScopeConsumer(std::unique_ptr<ASTConsumer> Tidy)
      : MultiplexConsumer(single(std::move(Tidy))) {}

  static std::vector<std::unique_ptr<ASTConsumer>>
  single(std::unique_ptr<ASTConsumer> Consumer) {
    std::vector<std::unique_ptr<ASTConsumer>> Consumers;
    Consumers.push_back(std::move(Consumer));
    return Consumers;
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    const SourceManager &SM = Ctx.getSourceManager();
    std::vector<Decl *> Scope;
    for (Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
      SourceLocation Loc = SM.getExpansionLoc(D->getLocation());
      if (Loc.isInvalid() || !SM.isInSystemHeader(Loc))
        Scope.push_back(D);
    }
    Ctx.setTraversalScope(Scope);
    MultiplexConsumer::HandleTranslationUnit(Ctx);
  }
};

} // namespace

std::vector<ClangTidyError>
analyse(ClangTidyContext &Context,
        const tooling::CompilationDatabase &Compilations,
        ArrayRef<std::string> InputFiles,
        IntrusiveRefCntPtr<vfs::OverlayFileSystem> BaseFS,
        const AnalysisFlags &Flags) {
  tooling::ClangTool Tool(Compilations, InputFiles,
                          std::make_shared<PCHContainerOperations>(), BaseFS);
  // ExtraArgs / ExtraArgsBefore from .clang-tidy files.
  Tool.appendArgumentsAdjuster(
      [&Context](const tooling::CommandLineArguments &Args, StringRef File) {
        ClangTidyOptions Options = Context.getOptionsForFile(File);
        tooling::CommandLineArguments Result = Args;
        if (Options.ExtraArgsBefore) {
          auto Pos = Result.begin();
          if (Pos != Result.end() && !StringRef(*Pos).starts_with("-"))
            ++Pos;
          Result.insert(Pos, Options.ExtraArgsBefore->begin(),
                        Options.ExtraArgsBefore->end());
        }
        if (Options.ExtraArgs)
          Result.insert(Result.end(), Options.ExtraArgs->begin(),
                        Options.ExtraArgs->end());
        // async-lint.RemoveArgs; then Clang must know every flag left.
        return dropUnknownFlags(
            removeArgs(Result, configuredRemoveArgs(Options)),
            "the configuration of", File, /*Warn=*/false);
      });
  // The compile database and the .clang-tidy files may come from the change
  // under review: flags that load code or write files are dropped from the
  // final command line (the parent process has warned about them), and no
  // clang configuration file is read.
  Tool.appendArgumentsAdjuster(
      [AllowPlugins = Flags.AllowPlugins](
          const tooling::CommandLineArguments &Args, StringRef File) {
        tooling::CommandLineArguments Result =
            dropUnsafeFlags(Args, "the command of", File, AllowPlugins,
                            /*Warn=*/false);
        if (!Result.empty())
          Result.insert(Result.begin() + 1, "--no-default-config");
        return Result;
      });
  Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      Flags.OwnArgs, tooling::ArgumentInsertPosition::END));
  ClangTidyDiagnosticConsumer Diagnostics(Context);
  DiagnosticsEngine Engine(new DiagnosticIDs(), new DiagnosticOptions(),
                           &Diagnostics, /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&Engine);
  Tool.setDiagnosticConsumer(&Diagnostics);

  class Factory : public tooling::FrontendActionFactory {
  public:
    Factory(ClangTidyContext &Context,
            IntrusiveRefCntPtr<vfs::OverlayFileSystem> BaseFS,
            const AnalysisFlags &Flags)
        : Consumers(Context, std::move(BaseFS)), Flags(Flags) {}

    std::unique_ptr<FrontendAction> create() override {
      class Action : public ASTFrontendAction {
      public:
        explicit Action(ClangTidyASTConsumerFactory &Consumers)
            : Consumers(Consumers) {}
        std::unique_ptr<ASTConsumer>
        CreateASTConsumer(CompilerInstance &Compiler, StringRef File) override {
          return std::make_unique<ProjectScopeConsumer>(
              Consumers.createASTConsumer(Compiler, File));
        }

      private:
        ClangTidyASTConsumerFactory &Consumers;
      };
      return std::make_unique<Action>(Consumers);
    }

    bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation,
                       FileManager *Files,
                       std::shared_ptr<PCHContainerOperations> PCH,
                       DiagnosticConsumer *Consumer) override {
      // As clang-tidy does: code may test __clang_analyzer__.
      Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
      if (Flags.AdjustInvocation)
        Flags.AdjustInvocation(*Invocation, *Files);
      if (Flags.RunInvocation)
        return Flags.RunInvocation(Invocation, Files, PCH, Consumer);
      return FrontendActionFactory::runInvocation(Invocation, Files, PCH,
                                                  Consumer);
    }

  private:
    ClangTidyASTConsumerFactory Consumers;
    const AnalysisFlags &Flags;
  };

  Factory Actions(Context, std::move(BaseFS), Flags);
  Tool.run(&Actions);
  return Diagnostics.take();
}

Error runWorker(
    StringRef File, StringRef OutputPath,
    const tooling::CompilationDatabase &Compilations,
    std::unique_ptr<ClangTidyOptionsProvider> Provider,
    IntrusiveRefCntPtr<vfs::OverlayFileSystem> BaseFS, bool AllowPlugins,
    std::function<void(CompilerInvocation &, FileManager &)> AdjustInvocation) {
  AnalysisFlags Flags;
  Flags.AllowPlugins = AllowPlugins;
  Flags.AdjustInvocation = std::move(AdjustInvocation);
  // The spelling that survives LibTooling's removal of -M flags; the driver
  // turns it into a dependency file listing system headers too.
  Flags.OwnArgs.push_back(("-Wp,-MD," + OutputPath + ".d").str());
  ClangTidyContext Context(std::move(Provider));
  SummaryCollector Summaries;
  if (summariesEnabled())
    clang::tidy::async::utils::setSummarySink(&Summaries);
  std::vector<ClangTidyError> Errors =
      analyse(Context, Compilations, {File.str()}, std::move(BaseFS), Flags);
  clang::tidy::async::utils::setSummarySink(nullptr);
  if (Error E = writeFileAtomically((OutputPath + ".summary").str(),
                                    workerSummaryText(Summaries.Summaries)))
    return E;
  tooling::TranslationUnitDiagnostics TU;
  TU.MainSourceFile = absolutePath(File);
  for (const ClangTidyError &E : Errors)
    TU.Diagnostics.push_back(E);
  for (const tidy::async::utils::BlockingCallGraph::BudgetStop &Stop :
       tidy::async::utils::BlockingCallGraph::takeBudgetStops()) {
    tooling::Diagnostic Note(
        LibraryBudgetDiagnostic,
        tooling::DiagnosticMessage(
            "stopped at '" + Stop.Function + "'" +
            (Stop.Location.empty() ? "" : " (" + Stop.Location + ")") +
            ", past the budget of " + std::to_string(Stop.Budget) +
            " library functions"),
        {}, tooling::Diagnostic::Remark, "");
    Note.Message.FilePath = absolutePath(File);
    Note.Message.FileOffset = 0;
    TU.Diagnostics.push_back(std::move(Note));
  }
  std::string Text;
  raw_string_ostream OS(Text);
  yaml::Output YAML(OS);
  YAML << TU;
  return writeFileAtomically(OutputPath, Text);
}

unsigned reportLibraryBudget(std::vector<ClangTidyError> &Errors,
                             bool Verbose) {
  std::set<std::string> Files;
  std::vector<ClangTidyError> Kept;
  for (ClangTidyError &E : Errors) {
    if (E.DiagnosticName != LibraryBudgetDiagnostic) {
      Kept.push_back(std::move(E));
      continue;
    }
    if (Files.insert(E.Message.FilePath).second && Verbose)
      errs() << "async-lint: '" << E.Message.FilePath
             << "': async-blocking-call " << E.Message.Message << "\n";
  }
  Errors = std::move(Kept);
  if (!Files.empty())
    WithColor::warning(errs(), "async-lint")
        << "async-blocking-call stopped following calls into library code "
           "in "
        << Files.size() << " translation unit" << (Files.size() == 1 ? "" : "s")
        << ", past its budget of library functions per translation unit; a "
           "blocking call deeper in a library there is not reported"
        << (Verbose ? "" : " (--verbose says where)") << "\n";
  return Files.size();
}

} // namespace asynclint
