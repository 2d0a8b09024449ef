//===--- CFGDataflow.h - async-lint ---------------------------------------===//
//
// A forward dataflow over Clang's CFG, iterated to a fixed point: the part of
// a flow-sensitive check that does not depend on what it tracks.
//
// A Domain supplies:
//   using State = ...;                       // copyable, default = "nothing"
//   void transfer(const CFGElement &, State &);
//   // Narrows the state on the edge to the block's successor number Index
//   // (e.g. "try_lock() failed" on the false edge of an if).
//   void refine(const CFGBlock &From, unsigned Index, State &);
//   // Merges From into Into; returns whether Into changed. Must be monotone
//   // over a finite lattice, or the walk would not end.
//   bool join(State &Into, const State &From);
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_CFGDATAFLOW_H
#define ASYNC_LINT_CHECKS_UTILS_CFGDATAFLOW_H

#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"
#include <deque>
#include <optional>
#include <vector>

namespace clang::tidy::async::utils {

template <typename Domain> class ForwardDataflow {
public:
  using State = typename Domain::State;

  ForwardDataflow(const CFG &Graph, Domain &D) : Graph(Graph), D(D) {}

  /// Computes the state on entry to every reachable block. Blocks that no
  /// path reaches (code after a return, catch handlers: exceptions are not
  /// paths) keep no state.
  void solve() {
    In.assign(Graph.getNumBlockIDs(), std::nullopt);
    llvm::BitVector Queued(Graph.getNumBlockIDs());
    std::deque<const CFGBlock *> Work;
    const CFGBlock &Entry = Graph.getEntry();
    In[Entry.getBlockID()] = State();
    Work.push_back(&Entry);
    Queued.set(Entry.getBlockID());
    while (!Work.empty()) {
      const CFGBlock *Block = Work.front();
      Work.pop_front();
      Queued.reset(Block->getBlockID());
      const std::optional<State> &BlockIn = In[Block->getBlockID()];
      if (!BlockIn)
        continue;
      State S = *BlockIn;
      for (const CFGElement &E : *Block)
        D.transfer(E, S);
      unsigned Index = 0;
      for (const CFGBlock::AdjacentBlock &Succ : Block->succs()) {
        unsigned I = Index++;
        const CFGBlock *Next = Succ.getReachableBlock();
        if (!Next)
          continue;
        State Out = S;
        D.refine(*Block, I, Out);
        std::optional<State> &Target = In[Next->getBlockID()];
        bool Changed = false;
        if (!Target) {
          Target = std::move(Out);
          Changed = true;
        } else {
          Changed = D.join(*Target, Out);
        }
        if (Changed && !Queued.test(Next->getBlockID())) {
          Queued.set(Next->getBlockID());
          Work.push_back(Next);
        }
      }
    }
  }

  /// The state on entry to Block after solve(); std::nullopt when no path
  /// reaches it.
  const std::optional<State> &in(const CFGBlock &Block) const {
    return In[Block.getBlockID()];
  }

  /// Calls F(Element, StateBeforeElement) for every element of every
  /// reachable block, after solve().
  template <typename Fn> void forEachElement(Fn F) {
    for (const CFGBlock *Block : Graph) {
      if (!Block)
        continue;
      const std::optional<State> &BlockIn = In[Block->getBlockID()];
      if (!BlockIn)
        continue;
      State S = *BlockIn;
      for (const CFGElement &E : *Block) {
        F(E, static_cast<const State &>(S));
        D.transfer(E, S);
      }
    }
  }

private:
  const CFG &Graph;
  Domain &D;
  std::vector<std::optional<State>> In;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_CFGDATAFLOW_H
