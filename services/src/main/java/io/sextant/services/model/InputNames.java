package io.sextant.services.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The tensor names of a transformer encoder export: which inputs it declares and which output is
 * the last hidden state. Read from the session, because exports differ: some drop
 * token_type_ids (DistilBERT, RoBERTa), some add pooled outputs before the hidden state.
 *
 * @param inputIds name of the token id input
 * @param attentionMask name of the mask input, or null when the model has none
 * @param tokenTypeIds name of the segment input, or null when the model has none
 * @param hiddenState name of the [batch, tokens, hidden] output
 * @param hiddenSize last dimension of that output, or -1 when the export leaves it symbolic
 */
record InputNames(
    String inputIds, String attentionMask, String tokenTypeIds, String hiddenState, long hiddenSize) {

  static final String INPUT_IDS = "input_ids";
  static final String ATTENTION_MASK = "attention_mask";
  static final String TOKEN_TYPE_IDS = "token_type_ids";
  static final String LAST_HIDDEN_STATE = "last_hidden_state";

  static InputNames of(OrtSession session, Path onnxFile) throws OrtException {
    Set<String> inputs = session.getInputNames();
    if (!inputs.contains(INPUT_IDS)) {
      throw new InvalidModelException(
          onnxFile + " has inputs " + inputs + " but no '" + INPUT_IDS
              + "'; expected a Hugging Face transformer encoder export");
    }
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    String hidden = null;
    if (outputs.containsKey(LAST_HIDDEN_STATE) && rank(outputs.get(LAST_HIDDEN_STATE)) == 3) {
      hidden = LAST_HIDDEN_STATE;
    } else {
      for (Map.Entry<String, NodeInfo> e : outputs.entrySet()) { // declaration order
        if (rank(e.getValue()) == 3) {
          hidden = e.getKey();
          break;
        }
      }
    }
    if (hidden == null) {
      throw new InvalidModelException(
          onnxFile + " has no output of shape [batch, tokens, hidden] to pool (outputs: "
              + outputs.keySet() + "); export the model without its pooling head");
    }
    long[] shape = ((TensorInfo) outputs.get(hidden).getInfo()).getShape();
    return new InputNames(
        INPUT_IDS,
        inputs.contains(ATTENTION_MASK) ? ATTENTION_MASK : null,
        inputs.contains(TOKEN_TYPE_IDS) ? TOKEN_TYPE_IDS : null,
        hidden,
        shape[2] > 0 ? shape[2] : -1);
  }

  private static int rank(NodeInfo info) {
    return info.getInfo() instanceof TensorInfo t ? t.getShape().length : -1;
  }
}
