/**
 * CLIP: the tokenizer, image preprocessing, the two ONNX towers (text and vision) and the model
 * folder layouts they come in. Everything here is engine code with no JavaFX; images are decoded
 * with ImageIO (plus the TwelveMonkeys plugins) and embedded into the same space as the text
 * queries, so one query can rank images.
 */
package io.sextant.services.clip;
