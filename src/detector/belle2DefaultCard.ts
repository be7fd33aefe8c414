/**
 * The built-in Belle II detector card (`mumux card --print` writes it).
 *
 * Sources (../shared/spec/physics.md section 7): acceptances from basf2
 * AcceptanceVariables.cc and ecl utilityFunctions.h (CDC 17-150 deg; ECL forward 12.4-31.4,
 * barrel 32.2-128.7, backward 130.7-155.1 deg; KLM regions), the 1.5 mm-wide gap in the barrel ECL at
 * theta = 90 deg (invisible-Z' paper: the reason for its 89-91 deg recoil veto; {@link BARREL_GAP_HALF_DEG}), momentum resolution sigma(pT)/pT = 0.1% pT (+) 0.3% (four-muon
 * paper), track quality and photon threshold (papers), the two-track trigger's 2019 / 2020 settings
 * weighted by the luminosity of each year (paper; arXiv:2008.02707), ECL energy resolution (Belle-type CsI(Tl)
 * parametrisation, recalled, not verified), muon ID 93-99% and pion fake 3-20% (papers, binned as
 * suggested in physics.md 7.2), triggers of section 7.3.
 * Numbers marked "assumed" below are plausible round values, not taken from a publication:
 * angular and impact-parameter resolutions, tracking efficiency, MIP deposit, E/p width,
 * beam-background rate, electron-ID tables, trigger plateau efficiencies.
 */
import type { DetectorCard } from "./card.ts";

// theta bins of the identification tables follow the KLM regions inside the CDC acceptance:
// forward endcap, forward overlap, barrel, backward overlap, backward endcap [deg]
/**
 * Half-width [deg] of the dead band of the barrel ECL at theta = 90 deg: the paper's "1.5 mm-wide
 * gap in the ECL instrumentation" seen from the interaction point at the barrel's inner radius
 * of 1.25 m, atan(0.75 mm / 1250 mm) = 0.0344 deg. The analysis vetoes recoil directions in
 * 89-91 deg, wider than the hole, because the recoil direction is measured with ~1 deg resolution
 * at p_recoil ~ 1 GeV; photons that fall into the hole but whose recoil is mis-measured by more than
 * 1 deg are the single-photon mu mu (gamma) background that survives the selection.
 */
export const BARREL_GAP_HALF_DEG = (Math.atan(0.75 / 1250) * 180) / Math.PI;

const PID_THETA = [17, 37, 47, 122, 130, 150];
// momentum bins [GeV]: below KLM penetration, turn-on, plateau; the last bin is open-ended
const PID_P = [0, 0.5, 0.7, 1.0, 1.5, 1000];

/** A table with the same row for every theta bin except the listed overrides. */
function table(row: number[], overrides: Record<number, number[]> = {}) {
  return {
    thetaEdges: [...PID_THETA],
    momentumEdges: [...PID_P],
    values: PID_THETA.slice(0, -1).map((_, i) => [...(overrides[i] ?? row)]),
  };
}

/** A fresh copy of the default Belle II card (degrees, GeV, cm). */
export function belle2DefaultCard(): DetectorCard {
  return {
    name: "belle2-default",
    tracking: {
      thetaMin: 17,
      thetaMax: 150,
      ptMin: 0.05,
      efficiency: 0.99, // assumed
      ptResolution: { constant: 0.003, slope: 0.001 },
      angularResolution: { constant: 0.05, slope: 0.1 }, // assumed: ~1 mrad (+) 1.7 mrad GeV / p
      d0Resolution: { constant: 0.0012, slope: 0.002 }, // assumed: 12 um (+) 20 um GeV / (p beta sin^1.5)
      z0Resolution: { constant: 0.0015, slope: 0.0025 }, // assumed
    },
    ecl: {
      regions: [
        { name: "forward", thetaMin: 12.4, thetaMax: 31.4, efficiency: 1 },
        { name: "barrel", thetaMin: 32.2, thetaMax: 128.7, efficiency: 1 },
        { name: "backward", thetaMin: 130.7, thetaMax: 155.1, efficiency: 1 },
      ],
      gaps: [
        {
          name: "barrel-gap-90deg",
          thetaMin: 90 - BARREL_GAP_HALF_DEG,
          thetaMax: 90 + BARREL_GAP_HALF_DEG,
        },
      ],
      photonThreshold: 0.1,
      energyResolution: { noise: 0.00066, stochastic: 0.0081, constant: 0.0134 },
      angularResolution: { constant: 0.15, slope: 0.2 }, // assumed [deg, deg sqrt(GeV)]
      chargedBarrelPtMin: 0.28,
      mipDeposit: { mean: 0.2, sigma: 0.03 }, // assumed
      electronEoverP: { mean: 0.97, sigma: 0.04 }, // assumed
      pionShowerFraction: 0.3, // assumed
      beamBackground: { meanPhotons: 1.0, meanEnergy: 0.03 }, // assumed: ~4% of events get one > 0.1 GeV
      conversions: { enabled: false, probability: 0.03 }, // assumed material budget ~ 4% X0
      // a photon whose shower contains the crystal a track enters joins the track's cluster:
      // radius ~ one crystal (front face ~5.5 cm at r = 1.25 m: 2.5 deg; assumed); ECL inner
      // surfaces: barrel r = 1.25 m, forward endcap z = +1.96 m, backward z = -1.02 m; 1.5 T
      trackMatch: { radius: 2.5, barrelRadius: 1.25, forwardZ: 1.96, backwardZ: -1.02, field: 1.5 },
    },
    klm: {
      regions: [
        { name: "forward-endcap", thetaMin: 18, thetaMax: 37 },
        { name: "forward-overlap", thetaMin: 37, thetaMax: 47 },
        { name: "barrel", thetaMin: 47, thetaMax: 122 },
        { name: "backward-overlap", thetaMin: 122, thetaMax: 130 },
        { name: "backward-endcap", thetaMin: 130, thetaMax: 155 },
      ],
      barrelPtMin: 0.6,
    },
    pid: {
      muon: {
        // P(muonLR > 0.5 | true muon): 93% at 0.7-1 GeV rising to 99% above 1.5 GeV in the barrel
        muon: table([0.5, 0.8, 0.93, 0.97, 0.99], {
          0: [0.5, 0.8, 0.93, 0.96, 0.98],
          1: [0.5, 0.8, 0.93, 0.95, 0.97],
          3: [0.5, 0.8, 0.93, 0.95, 0.97],
          4: [0.5, 0.8, 0.93, 0.96, 0.98],
        }),
        // pion fake rate 3-20%, falling with momentum
        pion: table([0.2, 0.15, 0.08, 0.05, 0.03]),
        electron: table([0.02, 0.01, 0.005, 0.003, 0.002]), // assumed
      },
      electron: {
        electron: table([0.85, 0.92, 0.95, 0.97, 0.98]), // assumed
        pion: table([0.02, 0.01, 0.005, 0.005, 0.005]), // assumed
        muon: table([0.005, 0.003, 0.002, 0.001, 0.001]), // assumed
      },
    },
    trigger: {
      // the invisible-Z' data set (79.7 fb^-1, 2019-2020): the two-track line asked for an azimuthal
      // opening above 90 deg in 2019 and above 30 deg in 2020 (seed 002); 2019 brought 8.7 fb^-1
      // at the Upsilon(4S) (Belle II, arXiv:2008.02707: "the full data set collected at the
      // Upsilon(4S) resonance in 2019, corresponding to 8.7 fb^-1"), 2020 the remaining 71.0
      twoTrack: {
        thetaMin: 37,
        thetaMax: 120,
        periods: [
          { name: "2019", deltaPhiMin: 90, luminosity: 8.7 },
          { name: "2020", deltaPhiMin: 30, luminosity: 71.0 },
        ],
        efficiency: 0.92,
      },
      threeTrack: { thetaMin: 37, thetaMax: 120, ptMin: 0.2, efficiency: 0.99 },
      singleMuon: { thetaMin: 51, thetaMax: 117, ptMin: 0.6, muonEfficiency: 0.9, pionEfficiency: 0.02 },
      eclEnergy: { thetaMin: 22, thetaMax: 128, energyMin: 1.0, efficiency: 1 },
      bhabhaVeto: { enabled: true, clusterEnergyMin: 2.0, energySumMin: 6.0 },
    },
  };
}
