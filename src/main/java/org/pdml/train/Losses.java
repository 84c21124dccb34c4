package org.pdml.train;

import org.pdml.config.LossConfig;
import org.pdml.loss.LossFactory;
import org.pdml.loss.LossParameters;
import org.pdml.loss.NivmfForm;
import org.pdml.loss.Normaliser;
import org.pdml.loss.ProxyLoss;
import org.pdml.util.WireNames;

/** Maps the loss section of a config onto the loss package's typed parameters. */
public final class Losses {
    private Losses() {}

    /**
     * Builds the configured loss.
     *
     * @param loss the loss section
     * @return the DJL loss
     */
    public static ProxyLoss fromConfig(LossConfig loss) {
        LossParameters p =
                new LossParameters(
                        loss.samples(),
                        loss.guidanceWeight(),
                        loss.alpha(),
                        loss.delta(),
                        Normaliser.valueOf(loss.normaliser().name()),
                        NivmfForm.valueOf(loss.nivmfForm().name()),
                        loss.kappaMin(),
                        loss.temperature().learnable(),
                        loss.bindev(),
                        loss.subsampleP());
        return LossFactory.create(wireName(loss.name()), p);
    }

    /**
     * Returns the loss's config spelling, e.g. {@code EL_NIVMF → el-nivmf}.
     *
     * @param name the enum constant
     * @return the lower-case, dash-separated name
     */
    public static String wireName(LossConfig.Name name) {
        return WireNames.value(name);
    }
}
