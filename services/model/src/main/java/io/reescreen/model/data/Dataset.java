package io.reescreen.model.data;

import io.reescreen.model.units.FeatureSet;
import io.reescreen.model.units.OxideMolPct;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A named, ordered set of labelled samples with unique ids. {@code notes} carries free-text labels that travel with
 * the data (e.g. "SYNTHETIC: …"), written as comment lines by {@link ProjectCsv}.
 */
public final class Dataset {

    private final String name;
    private final List<String> notes;
    private final List<LabelledSample> samples;

    public Dataset(String name, List<String> notes, List<LabelledSample> samples) {
        this.name = Objects.requireNonNull(name, "name");
        this.notes = List.copyOf(notes);
        this.samples = List.copyOf(samples);
        Set<String> ids = new HashSet<>();
        for (LabelledSample s : this.samples) {
            if (!ids.add(s.sampleId())) {
                throw new IllegalArgumentException("duplicate sample id '" + s.sampleId() + "' in dataset " + name);
            }
        }
    }

    public String name() {
        return name;
    }

    public List<String> notes() {
        return notes;
    }

    public List<LabelledSample> samples() {
        return samples;
    }

    public int size() {
        return samples.size();
    }

    public LabelledSample get(int index) {
        return samples.get(index);
    }

    /** Total REE of every sample, ppm mol, in dataset order. */
    public double[] totalReePpmMol() {
        return samples.stream().mapToDouble(LabelledSample::totalReePpmMol).toArray();
    }

    /** The model inputs of every sample: [sample][feature], mol % renormalised over the ten major oxides. */
    public double[][] inputsMolPct(FeatureSet features) {
        double[][] x = new double[samples.size()][];
        for (int i = 0; i < x.length; i++) {
            OxideMolPct oxides = samples.get(i).oxides();
            x[i] = features.oxides().stream().mapToDouble(oxides::molPct).toArray();
        }
        return x;
    }

    /** The 17 targets of every sample: [sample][target], ppm mol, total REE first. */
    public double[][] targetsPpmMol() {
        double[][] y = new double[samples.size()][];
        for (int i = 0; i < y.length; i++) {
            y[i] = samples.get(i).targets().toArrayPpmMol();
        }
        return y;
    }

    /** The origins present. */
    public Set<SampleOrigin> origins() {
        EnumSet<SampleOrigin> origins = EnumSet.noneOf(SampleOrigin.class);
        samples.forEach(s -> origins.add(s.origin()));
        return origins;
    }

    /** True when every sample is a lab measurement. */
    public boolean isAllMeasured() {
        return samples.stream().allMatch(s -> s.origin().isMeasured());
    }

    /** The samples at {@code indices}, in that order, under a new name. */
    public Dataset subset(String subsetName, int[] indices) {
        List<LabelledSample> picked = new ArrayList<>(indices.length);
        for (int i : indices) {
            picked.add(samples.get(i));
        }
        return new Dataset(subsetName, notes, picked);
    }

    @Override
    public String toString() {
        return "Dataset{" + name + ", " + samples.size() + " samples, origins=" + origins() + '}';
    }
}
