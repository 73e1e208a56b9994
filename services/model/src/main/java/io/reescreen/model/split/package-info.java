/** The paper's stratified train / validation / test split on total REE. */
package io.reescreen.model.split;
