/// Naming the leads of a plan: a model rule (MODEL.md, the lead rule), shared by every strategy
/// and by the model builder's read-back, so that all of them name the same lead for the same
/// members.
extension Problem {
    /// Gives every community a valid lead when the lead rule is on: its pinned lead (`pinnedLead`)
    /// if that unit serves it and may lead, else its current lead if that unit still serves it and
    /// may lead, else the strongest unit serving it that may lead (ties: the lower index). Without
    /// the lead rule no leads are named, as in `exact`.
    package func chooseLeads(_ plan: inout Plan) {
        let nC = communityCount
        guard options.leadRule else {
            plan.lead = [Int?](repeating: nil, count: nC)
            return
        }
        for c in 0..<nC {
            if let u = pinnedLead[c], plan.assigned[u * nC + c], units[u].canLead {
                plan.lead[c] = u
                continue
            }
            if let u = plan.lead[c], plan.assigned[u * nC + c], units[u].canLead { continue }
            var best: Int?
            for u in 0..<unitCount where plan.assigned[u * nC + c] && units[u].canLead {
                if best == nil || units[u].strength > units[best!].strength { best = u }
            }
            plan.lead[c] = best
        }
    }
}
